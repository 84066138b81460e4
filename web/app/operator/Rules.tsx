"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { zeroAddress } from "viem";
import { usePublicClient } from "wagmi";

import { Account } from "../../components/Account";
import { formatBps, formatDate } from "../../lib/domain/format";
import { useDeployment } from "../../lib/data/hooks";
import {
  changedRules,
  claimsByRulesVersion,
  parseRulesForm,
  rulesToForm,
  secondsToDays,
  type MarketRules,
  type RulesForm,
  type RulesProblems,
} from "../../lib/domain/operator";
import { useWrite } from "../../lib/data/tx";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { readCall, useContractReads } from "../../lib/data/contracts";
import { contractEvents } from "../../lib/data/logs";
import { Table } from "../../components/Table";
import { contractCall } from "@openfactor/sdk";

/** The block the logs are read from: the generated file records no deployment block. */
const FROM_BLOCK = 0n;

const FIELDS: { key: keyof RulesForm; label: string; hint: string; unit?: string }[] = [
  { key: "minTenor", label: "Shortest tenor", hint: "From issue to due date.", unit: "days" },
  { key: "maxTenor", label: "Longest tenor", hint: "From issue to due date.", unit: "days" },
  { key: "acceptanceWindow", label: "Acceptance window", hint: "Time the debtor has to accept.", unit: "days" },
  { key: "defaultGrace", label: "Default grace", hint: "After the due date, before a default.", unit: "days" },
  {
    key: "guaranteeClaimWindow",
    label: "Guarantee claim window",
    hint: "After the grace, to call a guarantee: cover ends at due date + grace + this.",
    unit: "days",
  },
  { key: "saleFee", label: "Sale fee", hint: "Of each sale's price.", unit: "%" },
  { key: "premiumFee", label: "Premium fee", hint: "Of each guarantee premium.", unit: "%" },
  {
    key: "treasury",
    label: "Treasury",
    hint: "The account that collects the fees the market and the escrow keep. Empty only when no fee is charged.",
  },
];

/** A version's rules in one line. */
function summary(r: MarketRules): string {
  const d = (s: number) => secondsToDays(s);
  return (
    `tenor ${d(r.minTenor)}–${d(r.maxTenor)} days, acceptance ${d(r.acceptanceWindow)} days, grace ` +
    `${d(r.defaultGrace)} days, guarantee calls ${d(r.guaranteeClaimWindow)} days; fees ${formatBps(r.saleFeeBps)} ` +
    `on sales, ${formatBps(r.premiumFeeBps)} on premiums`
  );
}

/** Every rules version published, with its date, and how many claims (and live claims) each was issued under. */
function useRulesHistory() {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["rules-history", chainId],
    enabled: client !== undefined && contracts !== undefined,
    queryFn: async () => {
      const c = contracts!;
      const [published, issued, changes] = await Promise.all([
        contractEvents(client!, c, "registry", { eventName: "MarketRulesUpdated", fromBlock: FROM_BLOCK }),
        contractEvents(client!, c, "claims", { eventName: "ClaimIssued", fromBlock: FROM_BLOCK }),
        contractEvents(client!, c, "claims", { eventName: "ClaimStateChanged", fromBlock: FROM_BLOCK }),
      ]);
      const times = await Promise.all(
        published.map(async (log) => (await client!.getBlock({ blockNumber: log.blockNumber })).timestamp),
      );
      const usage = claimsByRulesVersion(
        issued.map((log) => ({ claimId: log.args.claimId!, rulesVersion: log.args.rulesVersion! })),
        changes.map((log) => ({ claimId: log.args.claimId!, to: log.args.to! })),
      );
      const versions = published.map((log, i) => ({
        version: log.args.version!,
        rules: log.args.rules!,
        since: times[i],
        ...(usage.get(log.args.version!) ?? { issued: 0, live: 0 }),
      }));
      return versions.reverse();
    },
  });
}

/** The rules in force, the form publishing the next version, and every earlier version with its claims. */
export function Rules({ canChange }: { canChange: boolean }) {
  const { contracts } = useDeployment();
  const { write, busy } = useWrite();
  const { data } = useContractReads(
    [
      readCall("registry", "currentRulesVersion", []),
      readCall("registry", "currentRules", []),
      readCall("registry", "MAX_FEE_BPS", []),
    ],
    { allowFailure: false },
  );
  const version = data?.[0];
  const rules = data?.[1];
  const maxFeeBps = data?.[2];
  const history = useRulesHistory();
  const [form, setForm] = useState<RulesForm>();
  const [problems, setProblems] = useState<RulesProblems>({});
  const [notice, setNotice] = useState<string>();

  // The form starts from the rules in force, and again after each publication.
  useEffect(() => {
    if (rules !== undefined) setForm(rulesToForm(rules));
  }, [rules, version]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined || form === undefined || rules === undefined || maxFeeBps === undefined) return;
    const parsed = parseRulesForm(form, maxFeeBps);
    setNotice(undefined);
    setProblems(parsed.ok ? {} : parsed.problems);
    if (!parsed.ok) return;
    if (changedRules(rules, parsed.rules).length === 0) {
      setNotice("These are the rules in force already: change a field to publish a new version.");
      return;
    }
    await write((c) => contractCall(c, "registry", "setMarketRules", [parsed.rules]));
  }

  const olderLive = history.data?.filter((v) => v.version !== version).reduce((n, v) => n + v.live, 0) ?? 0;

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Market rules</h2>
      {rules === undefined || version === undefined ? (
        <p className="muted">Reading the rules…</p>
      ) : (
        <div className="card">
          <h3>Version {version} is in force</h3>
          <p>New claims are issued under it: {summary(rules)}.</p>
          <p className="small">
            {rules.treasury === zeroAddress ? (
              "No fee is charged, and there is no treasury."
            ) : (
              <>
                Fees stay in the market and the escrow until the treasury, <Account address={rules.treasury} />,
                collects them under Fees to collect, on its Portfolio page and at the end of this console. A new
                treasury collects the fees kept before it.
              </>
            )}
          </p>
          <p className="small">
            A new version applies only to claims issued after it: a live claim keeps the rules it was issued under, its
            acceptance window, default grace and guarantee window included.
            {history.data !== undefined &&
              olderLive > 0 &&
              ` Right now ${olderLive} live claim${olderLive === 1 ? "" : "s"} follow${olderLive === 1 ? "s" : ""} an earlier version.`}
          </p>
        </div>
      )}

      {canChange && form !== undefined && (
        <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="rules-form-title">
          <h3 id="rules-form-title">Publish new rules{version !== undefined && ` as version ${version + 1}`}</h3>
          <div className="rules-grid">
            {FIELDS.map(({ key, label, hint, unit }) => (
              <div key={key} className={key === "treasury" ? "rules-wide" : undefined}>
                <label htmlFor={`rules-${key}`}>
                  {label}
                  {unit && ` (${unit})`}
                  <span className="field-hint">{hint}</span>
                </label>
                <input
                  id={`rules-${key}`}
                  value={form[key]}
                  inputMode={key === "treasury" ? undefined : "decimal"}
                  spellCheck={false}
                  className={key === "treasury" ? "wide" : undefined}
                  aria-invalid={problems[key] !== undefined}
                  aria-describedby={problems[key] !== undefined ? `rules-${key}-error` : undefined}
                  onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                />
                {problems[key] && (
                  <span id={`rules-${key}-error`} className="field-error">
                    {problems[key]}
                  </span>
                )}
              </div>
            ))}
          </div>
          {Object.keys(problems).length > 0 && (
            <p role="alert" className="field-error">
              Some fields need correcting: see the notes under them.
            </p>
          )}
          {notice && <p role="status">{notice}</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Publish the new rules
            </button>
            {rules && (
              <button type="button" disabled={busy} onClick={() => (setForm(rulesToForm(rules)), setProblems({}))}>
                Reset to the rules in force
              </button>
            )}
          </div>
        </form>
      )}
      {!canChange && <ReadOnlyNote role="operator" />}

      <h3 id="versions-title">Versions and the claims issued under them</h3>
      {history.isPending ? (
        <p className="muted">Reading the versions…</p>
      ) : history.error ? (
        <p className="muted">The versions could not be read from the network.</p>
      ) : (
        <Table
          labelledBy="versions-title"
          rows={history.data}
          rowKey={(v) => String(v.version)}
          columns={[
            { header: "Version", cell: (v) => `${v.version}${v.version === version ? " (in force)" : ""}` },
            { header: "In force from", cell: (v) => formatDate(v.since) },
            { header: "Rules", cell: (v) => summary(v.rules) },
            { header: "Claims issued", number: true, cell: (v) => v.issued },
            { header: "Still live", number: true, cell: (v) => v.live },
          ]}
        />
      )}
    </section>
  );
}
