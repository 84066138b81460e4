/**
 * The dApp's data table, columns as data: each column names its header and how a row fills its cell. It renders the
 * markup every table shares: a scrollable, focusable region named by its heading, `card-table` rows that stack into
 * cards on a narrow screen (each cell labelled with its column's header), and right-aligned number columns. A column
 * may hide its header from sight (an actions column: screen readers and the stacked cards still name it) and give
 * each cell a class of its row's (a status colour).
 */
import type { ReactNode } from "react";

/** One column: its header, how a row fills it, and whether it holds numbers (right-aligned). */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  number?: boolean;
  /** The header is for screen readers only (e.g. "Action" over a column of buttons); cells keep it as their label. */
  hiddenHeader?: boolean;
  /** A class for the row's cell in this column, besides "number" (e.g. a status colour). */
  cellClass?: (row: Row) => string | undefined;
}

/** The class of a cell: "number" for a number column, and the column's own class for the row. */
const classOf = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ") || undefined;

export function Table<Row>({
  columns,
  rows,
  rowKey,
  labelledBy,
  label,
  className = "card-table",
  caption,
  empty,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** The id of the heading that names the table (or `label`). */
  labelledBy?: string;
  label?: string;
  className?: string;
  caption?: ReactNode;
  /** A row of its own, across every column, when `rows` is empty (e.g. "No claim matches the filter."). */
  empty?: ReactNode;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} aria-label={label} tabIndex={0}>
      <table className={className}>
        {caption !== undefined && <caption className="muted small">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={classOf(c.number && "number")}>
                {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={classOf(c.number && "number", c.cellClass?.(row))} data-label={c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && empty !== undefined && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
