"use client";
/**
 * A claim's guarantees: the active one (labelled "Recourse" when the originator is the guarantor) with what a call
 * would credit and until when, the call itself for the holder, the subrogation after a call (distribute, take the
 * claim), release for anyone once the rules allow it, the offers received (activate by paying the premium, with an
 * exact approval: the escrow has no permit entry point), and the offer form for a guarantor.
 */
import { zeroAddress } from "viem";
import { useConnection } from "wagmi";

import { callGuarantee, CLAIM_STATES, type ClaimStateName, releaseGuarantee } from "@openfactor/sdk";
import { formatDateTime, formatYield } from "../../../lib/domain/format";
import { useCalls, useGuarantees, useRulesAt } from "../../../lib/data/guarantee-reads";
import {
  callDeadlineOf,
  callTerms,
  coverable,
  defaultableAfter,
  guaranteeRate,
  recoveryShares,
  releasableByAnyone,
  type GuaranteeView,
} from "../../../lib/domain/guarantees";
import { useChainNow, useDeployment, useNamer } from "../../../lib/data/hooks";
import { usePagedIds } from "../../../lib/data/paged-reads";
import { useRoles } from "../../../lib/data/roles";
import { useWrite } from "../../../lib/data/tx";
import { OfferCoverForm } from "../../guarantor/OfferCoverForm";
import type { ClaimContext } from "./context";
import { Custody } from "./Custody";
import { OffersReceived } from "./OffersReceived";
import { readCall, useContractReads, type ResultOf } from "../../../lib/data/contracts";

/** The states of a claim whose default someone already declared. */
const DECLARED_DEFAULT: readonly (ClaimStateName | undefined)[] = ["Defaulted", "WrittenOff"];

/** The claim's fields the guarantee rules need, beyond the actions' context. */
export type GuaranteeClaim = Pick<ResultOf<"claimLens", "claim">, "originator" | "state" | "rulesVersion">;

export function Guarantees({ ctx, claim }: { ctx: ClaimContext; claim: GuaranteeClaim }) {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const roles = useRoles();
  // Every guarantee ever offered on the claim, however many (the escrow's guarantee ids, 1,000 a call).
  const {
    lists: [ids],
  } = usePagedIds("guaranteesOf", [[ctx.id, zeroAddress]]);
  const { data } = useContractReads([
    readCall("escrow", "subrogation", [ctx.id]),
    readCall("escrow", "pendingRecovery", [ctx.id]),
  ]);
  const sub = data?.[0]?.result;
  const pendingPair = data?.[1]?.result;
  const { guarantees } = useGuarantees(ids ?? []);
  const rules = useRulesAt([claim.rulesVersion]).get(claim.rulesVersion);
  const called = guarantees.filter((g) => g.status === "Called");
  const { data: calls } = useCalls(called.map((g) => g.id));

  if (contracts === undefined || now === undefined || rules === undefined) return null;
  const me = address?.toLowerCase();
  const isHolder = me !== undefined && ctx.holder.toLowerCase() === me;
  const isDebtor = me !== undefined && ctx.debtor.toLowerCase() === me;
  const active = guarantees.find((g) => g.status === "Active");
  const offers = guarantees.filter((g) => g.status === "Offered");
  const canCover = coverable(ctx.state, ctx.dueDate, rules.defaultGrace, now);
  const custody = sub !== undefined && sub.guarantor !== zeroAddress && !sub.released;
  const showForm = roles.has.Guarantor && !isDebtor && !isHolder && canCover && active === undefined;

  return (
    <section aria-labelledby="guarantee-title">
      <h2 id="guarantee-title">Guarantee</h2>
      {active && <ActiveGuarantee ctx={ctx} claim={claim} g={active} rules={rules} now={now} isHolder={isHolder} />}
      {called.map((g) => {
        const call = calls?.get(g.id.toString());
        return (
          <div className="card" key={g.id.toString()}>
            <h3>Guarantee #{g.id.toString()} was called</h3>
            <p>
              {call
                ? `${name(call.holder)} was paid ${ctx.amount(call.paid)} by ${name(g.guarantor)}'s guarantee` +
                  (call.returned > 0n
                    ? `, and ${ctx.amount(call.returned)} of the cover went back to the guarantor.`
                    : ".")
                : `${name(g.guarantor)}'s cover of ${ctx.amount(g.cover)} was paid out.`}
            </p>
            {sub !== undefined && custody && sub.guarantor.toLowerCase() === g.guarantor.toLowerCase() ? (
              <Custody ctx={ctx} sub={sub} pending={pendingPair} me={me} />
            ) : (
              <p>
                {ctx.holder.toLowerCase() === g.guarantor.toLowerCase()
                  ? `Subrogated: the claim went to ${name(g.guarantor)}, which now collects what the debtor pays.`
                  : `Subrogated: the claim went to ${name(g.guarantor)}; ${name(ctx.holder)} holds it now.`}
              </p>
            )}
          </div>
        );
      })}
      {offers.length > 0 && (
        <OffersReceived ctx={ctx} offers={offers} canActivate={isHolder && canCover && active === undefined} />
      )}
      {active === undefined && called.length === 0 && offers.length === 0 && (
        <p className="muted">
          No guarantee covers this claim.{" "}
          {canCover ? "A verified guarantor can offer cover; the holder activates it by paying the premium." : ""}
        </p>
      )}
      {showForm && (
        <OfferCoverForm
          target={{
            id: ctx.id,
            debtor: ctx.debtor,
            currency: ctx.currency,
            outstanding: ctx.outstanding,
            dueDate: ctx.dueDate,
            coverableUntil: defaultableAfter(ctx.dueDate, rules.defaultGrace),
          }}
          token={ctx.token}
        />
      )}
    </section>
  );
}

/** The active guarantee: who covers what, what a call would credit, the call and the release. */
function ActiveGuarantee({
  ctx,
  claim,
  g,
  rules,
  now,
  isHolder,
}: {
  ctx: ClaimContext;
  claim: GuaranteeClaim;
  g: GuaranteeView;
  rules: { defaultGrace: number; guaranteeClaimWindow: number };
  now: bigint;
  isHolder: boolean;
}) {
  const { address } = useConnection();
  const name = useNamer();
  const { write, busy } = useWrite();
  const recourse = g.guarantor.toLowerCase() === claim.originator.toLowerCase();
  const rate = guaranteeRate(g, ctx.dueDate, now);
  const terms = callTerms({
    cover: g.cover,
    outstanding: ctx.outstanding,
    state: ctx.state,
    dueDate: ctx.dueDate,
    defaultGrace: rules.defaultGrace,
    claimWindow: rules.guaranteeClaimWindow,
    now,
  });
  // The end of the cover: due date + grace + claim window, whether or not anyone declared the default.
  const coverEnds = callDeadlineOf(ctx.dueDate, rules.defaultGrace, rules.guaranteeClaimWindow);
  const guarantorHolds = ctx.holder.toLowerCase() === g.guarantor.toLowerCase();
  const isGuarantor = address?.toLowerCase() === g.guarantor.toLowerCase();
  const releasable = releasableByAnyone(ctx.state, coverEnds, now) || (guarantorHolds && isGuarantor);
  const share = recoveryShares({ covered: terms.paid, outstandingAtCall: ctx.outstanding });

  return (
    <div className="card guarantee-box">
      <h3>
        Active guarantee <span className="badge">{recourse ? "Recourse" : "Guaranteed"}</span>
      </h3>
      <p>
        {recourse
          ? `${name(g.guarantor)}, the originator, guarantees its own claim (recourse): `
          : `${name(g.guarantor)} guarantees this claim: `}
        if the debtor defaults, the holder at that time is paid up to {ctx.amount(g.cover)}, escrowed now. It follows
        the claim to every later holder.
      </p>
      <dl className="facts">
        <dt>Cover</dt>
        <dd>{ctx.amount(g.cover)}</dd>
        <dt>Premium paid</dt>
        <dd>
          {ctx.amount(g.premium)}
          {rate !== undefined && ` (${formatYield(rate)} a year of the cover)`}
        </dd>
        <dt>Active since</dt>
        <dd>{formatDateTime(g.activatedAt)}</dd>
      </dl>
      {terms.window === "early" && terms.opensAfter !== undefined && (
        <p className="small">
          If the claim is still unpaid after {formatDateTime(terms.opensAfter)}, the holder may call the guarantee until{" "}
          {formatDateTime(coverEnds)}, when the cover ends, and be paid {ctx.amount(terms.paid)}.
        </p>
      )}
      {terms.window === "open" && terms.deadline !== undefined && (
        <div className="offer-box card">
          <p>
            The debtor has defaulted. Calling the guarantee pays the holder <strong>{ctx.amount(terms.paid)}</strong>
            {terms.returned > 0n &&
              ` (the other ${ctx.amount(terms.returned)} of the cover goes back to the guarantor)`}
            , straight to the holder&apos;s wallet in the same transaction. The holder may call until{" "}
            <strong>{formatDateTime(terms.deadline)}</strong>
            {!DECLARED_DEFAULT.includes(CLAIM_STATES[claim.state]) && " (the call declares the default first)"}.
          </p>
          <p className="small">
            {terms.fullCover
              ? `The claim then goes to ${name(g.guarantor)}, which collects what the debtor pays later.`
              : `The escrow then keeps the claim: of what the debtor pays later, ${formatYield(share.guarantor)} goes to ${name(g.guarantor)} and ${formatYield(share.holder)} to the holder.`}
          </p>
          {isHolder && ctx.listing !== undefined && (
            <p role="alert">The claim is listed for sale: delist it before calling the guarantee.</p>
          )}
          {isHolder && !guarantorHolds && (
            <button
              type="button"
              className="primary"
              disabled={busy || ctx.listing !== undefined}
              onClick={() => void write((c) => callGuarantee(c, g.id, address!))}
            >
              Call the guarantee for {ctx.amount(terms.paid)}
            </button>
          )}
        </div>
      )}
      {terms.window === "closed" && (
        <p className="small">The time to call this guarantee ended on {formatDateTime(coverEnds)}.</p>
      )}
      {releasable && (
        <div className="actions">
          <p className="small">
            {guarantorHolds && !releasableByAnyone(ctx.state, coverEnds, now)
              ? "You hold the claim yourself: the cover would only protect you, so you may take the collateral back."
              : `The cover is no longer needed (${terms.window === "closed" ? `it ended on ${formatDateTime(coverEnds)}` : `the claim is ${ctx.state.toLowerCase()}`}): anyone may return the collateral to the guarantor.`}
          </p>
          <button type="button" disabled={busy} onClick={() => void write((c) => releaseGuarantee(c, g.id))}>
            Release {ctx.amount(g.cover)} to {name(g.guarantor)}
          </button>
        </div>
      )}
    </div>
  );
}
