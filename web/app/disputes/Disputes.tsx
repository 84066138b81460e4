"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { keccak256, type Address, type Hex } from "viem";
import { usePublicClient } from "wagmi";

import { Account } from "../../components/Account";
import { CLAIM_STATES, DISPUTE_OUTCOMES, type DisputeOutcomeName, resolveDispute } from "@openfactor/sdk";
import { formatAmount, formatDateTime } from "../../lib/domain/format";
import { tokenOf, useDeployment, useNamer, useTokens, type TokenInfo } from "../../lib/data/hooks";
import { parseResolution } from "../../lib/domain/operator";
import { useWrite } from "../../lib/data/tx";
import { readCall, type ResultOf, useContractReadsFor } from "../../lib/data/contracts";
import { contractEvents } from "../../lib/data/logs";

/** The block the logs are read from: the generated file records no deployment block. */
const FROM_BLOCK = 0n;
/** Resolutions listed under the open disputes. */
const RECENT = 10;

interface DisputeOpened {
  claimId: bigint;
  by: Address;
  evidenceHash: Hex;
  time: bigint;
}

/** A claim as the claim contract stores it. */
type StoredClaim = ResultOf<"claimLens", "claim">;

/**
 * The disputes from the claim contract's events: the latest `ClaimDisputed` of each claim (who opened it, the
 * evidence's hash, when) and the latest resolutions, each with its block's time.
 */
function useDisputeEvents() {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["disputes", chainId],
    enabled: client !== undefined && contracts !== undefined,
    queryFn: async () => {
      const [opened, resolved] = await Promise.all([
        contractEvents(client!, contracts!, "claims", { eventName: "ClaimDisputed", fromBlock: FROM_BLOCK }),
        contractEvents(client!, contracts!, "claims", { eventName: "ClaimDisputeResolved", fromBlock: FROM_BLOCK }),
      ]);
      const latest = new Map<bigint, (typeof opened)[number]>();
      for (const log of opened) latest.set(log.args.claimId!, log);
      const recent = resolved.slice(-RECENT).reverse();
      const blocks = [...new Set([...latest.values(), ...recent].map((log) => log.blockNumber))];
      const times = new Map(
        await Promise.all(
          blocks.map(async (n) => [n, (await client!.getBlock({ blockNumber: n })).timestamp] as const),
        ),
      );
      return {
        opened: [...latest.values()].map((log): DisputeOpened => ({
          claimId: log.args.claimId!,
          by: log.args.by!,
          evidenceHash: log.args.evidenceHash!,
          time: times.get(log.blockNumber)!,
        })),
        resolved: recent.map((log) => ({
          claimId: log.args.claimId!,
          outcome: DISPUTE_OUTCOMES[log.args.outcome!],
          oldFaceValue: log.args.oldFaceValue!,
          newFaceValue: log.args.newFaceValue!,
          arbiter: log.args.arbiter!,
          time: times.get(log.blockNumber)!,
        })),
      };
    },
  });
}

/** Open disputes (claims still Disputed), each with what the arbiter needs and the resolution form. */
export function Disputes() {
  const name = useNamer();
  const events = useDisputeEvents();
  const candidates = events.data?.opened ?? [];
  const resolvedIds = (events.data?.resolved ?? []).map((r) => r.claimId);
  const ids = [...new Set([...candidates.map((d) => d.claimId), ...resolvedIds])];
  // One batched read for every claim named above: the claim and its holder.
  const { data: reads, isPending } = useContractReadsFor(ids, (id) => [
    readCall("claimLens", "claim", [id]),
    readCall("claims", "ownerOf", [id]),
  ]);
  const claimOf = new Map<bigint, { claim: StoredClaim; holder?: Address }>();
  ids.forEach((id, i) => {
    const [c, h] = reads?.[i] ?? [];
    if (c?.status === "success") claimOf.set(id, { claim: c.result, holder: h?.result });
  });
  const tokens = useTokens([...claimOf.values()].map((c) => c.claim.currency));
  const open = candidates.filter((d) => CLAIM_STATES[claimOf.get(d.claimId)?.claim.state ?? 0] === "Disputed");

  if (events.isPending || (ids.length > 0 && isPending)) return <p className="muted">Reading the disputes…</p>;
  if (events.error) return <p role="alert">The disputes could not be read from the network. Reload to try again.</p>;

  return (
    <>
      <section aria-labelledby="open-title">
        <h2 id="open-title">Open disputes</h2>
        {open.length === 0 ? (
          <p className="card">
            No dispute is open. When a debtor or a holder disputes a claim, it appears here for you to resolve.
          </p>
        ) : (
          open.map((d) => {
            const c = claimOf.get(d.claimId)!;
            const token = tokenOf(tokens, c.claim.currency);
            return token ? (
              <OpenDispute key={d.claimId.toString()} dispute={d} claim={c.claim} holder={c.holder} token={token} />
            ) : null;
          })
        )}
      </section>
      {events.data.resolved.length > 0 && (
        <section aria-labelledby="resolved-title">
          <h2 id="resolved-title">Recently resolved</h2>
          <ul className="plain">
            {events.data.resolved.map((r) => {
              const token = tokenOf(tokens, claimOf.get(r.claimId)?.claim.currency);
              const amount = (v: bigint) => (token ? formatAmount(v, token.decimals, { symbol: token.symbol }) : "…");
              return (
                <li key={`${r.claimId}-${r.time}`}>
                  <span className="muted small">{formatDateTime(r.time)} · </span>
                  <Link href={`/claims/${r.claimId}`}>Claim #{r.claimId.toString()}</Link>: {r.outcome.toLowerCase()} by{" "}
                  {name(r.arbiter)}
                  {r.outcome === "Diluted" &&
                    `, face value lowered from ${amount(r.oldFaceValue)} to ${amount(r.newFaceValue)}`}
                  .
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

const OUTCOME_TEXT: Record<DisputeOutcomeName, string> = {
  Upheld: "Upheld: the claim stands as it was.",
  Diluted: "Diluted: the claim stands with a lower face value (a credit note, a partial return).",
  Voided: "Voided: the claim is annulled.",
};

function OpenDispute({
  dispute,
  claim,
  holder,
  token,
}: {
  dispute: DisputeOpened;
  claim: StoredClaim;
  holder?: Address;
  token: TokenInfo;
}) {
  const { contracts } = useDeployment();
  const { write, busy } = useWrite();
  const uid = useId();
  const [outcome, setOutcome] = useState<DisputeOutcomeName>();
  const [faceText, setFaceText] = useState("");
  const [problem, setProblem] = useState<string>();
  const [check, setCheck] = useState<"match" | "mismatch">();
  const amount = (v: bigint) => formatAmount(v, token.decimals, { symbol: token.symbol });
  const id = dispute.claimId.toString();
  const previous = CLAIM_STATES[claim.stateBeforeDispute];
  const diluted =
    outcome === "Diluted" ? parseResolution("Diluted", faceText, { ...claim, ...token }, amount) : undefined;

  function consequence(): string | undefined {
    const held = claim.heldAmount > 0n ? ` The ${amount(claim.heldAmount)} paid during the dispute` : "";
    if (outcome === "Upheld") return `The claim returns to ${previous}.${held ? `${held} goes to the holder.` : ""}`;
    if (outcome === "Voided")
      return `The claim ends and can never be financed again.${held ? `${held} goes back to whoever paid it.` : ""}`;
    if (outcome === "Diluted" && diluted?.ok) {
      const owed = diluted.newFaceValue - claim.amountPaid - claim.heldAmount;
      return `The claim returns to ${previous} with a face value of ${amount(diluted.newFaceValue)}; the debtor then owes ${amount(owed)}.`;
    }
    return undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined) return;
    if (outcome === undefined) {
      setProblem("Choose an outcome.");
      return;
    }
    const parsed = parseResolution(outcome, faceText, { ...claim, ...token }, amount);
    setProblem(parsed.ok ? undefined : parsed.problem);
    if (!parsed.ok) return;
    await write((c) => resolveDispute(c, dispute.claimId, outcome, parsed.newFaceValue));
  }

  return (
    <article className="card dispute" aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>
        <Link href={`/claims/${id}`}>Claim #{id}</Link>
      </h3>
      <dl className="facts">
        <dt>Disputed by</dt>
        <dd>
          <Account address={dispute.by} />
        </dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(dispute.time)}</dd>
        <dt>Debtor</dt>
        <dd>
          <Account address={claim.debtor} />
        </dd>
        <dt>Originator</dt>
        <dd>
          <Account address={claim.originator} />
        </dd>
        {holder && (
          <>
            <dt>Holder</dt>
            <dd>
              <Account address={holder} />
            </dd>
          </>
        )}
        <dt>Face value</dt>
        <dd>{amount(claim.faceValue)}</dd>
        <dt>Paid</dt>
        <dd>
          {amount(claim.amountPaid)}
          {claim.heldAmount > 0n && `, and ${amount(claim.heldAmount)} held during the dispute`}
        </dd>
        <dt>Before the dispute</dt>
        <dd>{previous}</dd>
      </dl>

      <div className="evidence">
        <label htmlFor={`${uid}-evidence`}>
          Check the evidence
          <span className="field-hint">
            Choose the file the disputant sent you: it is hashed in your browser and compared with the hash recorded on
            chain. Nothing is uploaded.
          </span>
        </label>
        <input
          id={`${uid}-evidence`}
          type="file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            setCheck(undefined);
            if (file)
              void file
                .arrayBuffer()
                .then((b) => setCheck(keccak256(new Uint8Array(b)) === dispute.evidenceHash ? "match" : "mismatch"));
          }}
        />
        {check && (
          <p role="status" className={check === "match" ? "check-ok" : "check-bad"}>
            {check === "match"
              ? "✓ This file is the evidence named in the dispute."
              : "✗ This file is not the evidence named in the dispute."}
          </p>
        )}
      </div>

      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <fieldset>
          <legend>Outcome</legend>
          {DISPUTE_OUTCOMES.map((o) => (
            <label key={o} className="check">
              <input
                type="radio"
                name={`${uid}-outcome`}
                value={o}
                checked={outcome === o}
                onChange={() => (setOutcome(o), setProblem(undefined))}
              />
              {OUTCOME_TEXT[o]}
            </label>
          ))}
        </fieldset>
        {outcome === "Diluted" && (
          <>
            <label htmlFor={`${uid}-face`}>
              New face value ({token.symbol})
              <span className="field-hint">
                Below {amount(claim.faceValue)}, and at least {amount(claim.amountPaid + claim.heldAmount)} (paid and
                held).
              </span>
            </label>
            <input
              id={`${uid}-face`}
              inputMode="decimal"
              value={faceText}
              onChange={(e) => setFaceText(e.target.value)}
              aria-invalid={problem !== undefined}
            />
          </>
        )}
        {consequence() && <p className="small">{consequence()}</p>}
        {problem && (
          <p role="alert" className="field-error">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Resolve the dispute on claim #{id}
          </button>
        </div>
      </form>
    </article>
  );
}
