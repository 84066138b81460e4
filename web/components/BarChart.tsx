/**
 * Small accessible SVG bar charts, drawn here without a chart library. Each chart is a <figure>: its title, an SVG
 * (role="img", named by the title and a one-line summary) and the same figures as a table under "Figures as a
 * table", so every number can be read without the picture. Bars carry their label and value in text; bars that need
 * attention (overdue) are hatched and say so in their label, never marked by colour alone. Lengths come from
 * web/lib/domain/chart.ts; the exact amounts are the callers' formatted strings. No hooks: usable by server and client
 * components alike.
 */
import { formatCompact, niceMax, scaleLinear, ticks } from "../lib/domain/chart";

export interface Bar {
  /** What the bar is ("Dec 2026", "31–60 days", "Financed"). */
  label: string;
  /** Its length, as a plain number (whole tokens, a count, a yield). */
  value: number;
  /** The exact value as the table shows it ("12,500.00 USDC", "8.50 %"). */
  text: string;
  /** A second column of the table (e.g. "3 claims"). */
  note?: string;
  /** Drawn hatched; its label must say why ("Overdue"), so the pattern is never the only signal. */
  emphasis?: boolean;
}

interface ChartProps {
  /** Unique on the page: names the SVG's pattern and the captions. */
  id: string;
  title: string;
  /** A sentence under the title saying what is measured. */
  description?: string;
  bars: readonly Bar[];
  /** The table's header of the value column ("Amount", "Claims", "Yield"). */
  valueHeader: string;
  /** The table's header of the note column, when bars have notes. */
  noteHeader?: string;
  /** How axis and bar labels abbreviate values (default: compact numbers, 1.2M). */
  short?: (value: number) => string;
  /** Vertical bars for a time series, horizontal bars for categories. */
  orientation?: "vertical" | "horizontal";
}

/** The most bar labels a vertical chart writes under its bars; others are in the table. */
const MAX_LABELS = 7;
const PLOT_HEIGHT = 150;
const TOP = 18;
const ROW = 26;
/** The left margin of a vertical chart, in % of its width, where the axis values are written. */
const AXIS = 12;

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="chart-hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="chart-hatch-line" strokeWidth="3" />
      </pattern>
    </defs>
  );
}

/** One sentence summing the chart up, for screen readers: the largest bar and the total count of bars. */
function summary(bars: readonly Bar[]): string {
  if (bars.every((b) => b.value === 0)) return "Every bar is zero.";
  const top = bars.reduce((best, b) => (b.value > best.value ? b : best), bars[0]);
  return `${bars.length} bars; the largest is ${top.label}: ${top.text}.`;
}

export function BarChart({
  id,
  title,
  description,
  bars,
  valueHeader,
  noteHeader,
  short = (v) => formatCompact(v),
  orientation = "vertical",
}: ChartProps) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const top = niceMax(max);
  const hasNotes = bars.some((b) => b.note !== undefined);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <span className="chart-title">{title}</span>
        {description && <span className="muted small"> {description}</span>}
      </figcaption>
      {orientation === "vertical" ? (
        <VerticalBars id={id} bars={bars} top={top} short={short} />
      ) : (
        <HorizontalBars id={id} bars={bars} top={top} short={short} />
      )}
      <p id={`${id}-summary`} className="visually-hidden">
        {summary(bars)}
      </p>
      <details className="chart-table">
        <summary>Figures as a table</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{orientation === "vertical" ? "Period" : "Category"}</th>
                <th scope="col" className="number">
                  {valueHeader}
                </th>
                {hasNotes && (
                  <th scope="col" className="number">
                    {noteHeader}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td className="number">{b.text}</td>
                  {hasNotes && <td className="number">{b.note ?? ""}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function VerticalBars({
  id,
  bars,
  top,
  short,
}: {
  id: string;
  bars: readonly Bar[];
  top: number;
  short: (v: number) => string;
}) {
  const height = scaleLinear(top, PLOT_HEIGHT);
  const slot = (100 - AXIS) / Math.max(bars.length, 1);
  const every = Math.ceil(bars.length / MAX_LABELS);
  const base = TOP + PLOT_HEIGHT;
  return (
    <svg className="chart-svg" role="img" aria-labelledby={`${id}-title ${id}-summary`} width="100%" height={base + 22}>
      <Hatch id={id} />
      {ticks(top, 4).map((t) => (
        <g key={t}>
          <line x1={`${AXIS}%`} x2="100%" y1={base - height(t)} y2={base - height(t)} className="chart-grid" />
          <text x="0" y={base - height(t) + 4} className="chart-axis">
            {t === 0 ? "" : short(t)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const h = height(b.value);
        return (
          <g key={b.label}>
            <rect
              x={`${AXIS + i * slot + slot * 0.2}%`}
              width={`${slot * 0.6}%`}
              y={base - h}
              height={h}
              className={b.emphasis ? undefined : "chart-bar"}
              fill={b.emphasis ? `url(#${id}-hatch)` : undefined}
            >
              <title>{`${b.label}: ${b.text}`}</title>
            </rect>
            {i % every === 0 && (
              <text x={`${AXIS + (i + 0.5) * slot}%`} y={base + 15} textAnchor="middle" className="chart-label">
                {b.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function HorizontalBars({
  id,
  bars,
  top,
  short,
}: {
  id: string;
  bars: readonly Bar[];
  top: number;
  short: (v: number) => string;
}) {
  // Label column 0–38 %, bars 40–82 %, the value right-aligned at 100 %.
  const length = scaleLinear(top, 42);
  return (
    <svg
      className="chart-svg"
      role="img"
      aria-labelledby={`${id}-title ${id}-summary`}
      width="100%"
      height={bars.length * ROW + 4}
    >
      <Hatch id={id} />
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        return (
          <g key={b.label}>
            <text x="0" y={y + 15} className="chart-label">
              {b.label}
            </text>
            <rect x="40%" width="42%" y={y + 2} height={ROW - 8} className="chart-track" />
            <rect
              x="40%"
              width={`${length(b.value)}%`}
              y={y + 2}
              height={ROW - 8}
              className={b.emphasis ? undefined : "chart-bar"}
              fill={b.emphasis ? `url(#${id}-hatch)` : undefined}
            >
              <title>{`${b.label}: ${b.text}`}</title>
            </rect>
            <text x="100%" y={y + 15} textAnchor="end" className="chart-value">
              {b.value === 0 ? "0" : short(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
