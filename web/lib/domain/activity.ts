/**
 * The protocol's activity in words: every event of the four contracts (registry, claim contract, market, guarantee
 * escrow) that tells something to a reader becomes one sentence. Events about a claim reuse the claim timeline's
 * sentences (timeline.ts), the guarantee escrow's included; the rest (verifications, rules, currencies, pauses,
 * standing offers, withdrawals) are told here. Pure: the page reads the logs, names the parties and formats amounts
 * and dates.
 */
import type { Address, Hex } from "viem";

import { formatBps } from "./format";
import { accessRoleName, roleWithArticle, type MarketRules } from "./operator";
import { describeEvent, inChainOrder, type ClaimEvent, type TimelineFormat } from "./timeline";

/** The contracts whose events the activity view reads. */
export const ACTIVITY_CONTRACTS = ["registry", "claims", "market", "escrow"] as const;
export type ActivityContract = (typeof ACTIVITY_CONTRACTS)[number];

/** A decoded event with the contract that emitted it (events of the same name differ by contract). */
export interface ProtocolEvent extends ClaimEvent {
  contract: ActivityContract;
}

export interface ActivityFormat extends TimelineFormat {
  /** A currency by name (its symbol when known). */
  token(address: Address): string;
}

/**
 * Events that say nothing a reader needs: ERC-721 and ERC-4906 bookkeeping (transfers are told as issues and
 * sales, approvals are not used), ERC-5192 locks (told as listings), EIP-712 domain notices, ledger credits (told
 * as the sale, refund or release that caused them) and role-admin changes.
 */
export const SILENT_EVENTS: ReadonlySet<string> = new Set([
  "Transfer",
  "Approval",
  "ApprovalForAll",
  "MetadataUpdate",
  "BatchMetadataUpdate",
  "Locked",
  "Unlocked",
  "EIP712DomainChanged",
  "Credited",
  "RoleAdminChanged",
]);

const WHERE_FROM: Record<ActivityContract, string> = {
  registry: "the registry",
  claims: "the claim contract (payments received)",
  market: "the market (proceeds and refunds)",
  escrow: "the guarantee escrow",
};

/** The claim an event is about, if any (for the link beside its sentence). */
export function claimIdOf(event: ClaimEvent): bigint | undefined {
  const id = event.args.claimId;
  return typeof id === "bigint" ? id : undefined;
}

/** The sentence for one protocol event, or undefined for the events the view leaves out. */
export function describeActivity(event: ProtocolEvent, f: ActivityFormat): string | undefined {
  if (SILENT_EVENTS.has(event.eventName)) return undefined;
  const a = event.args;
  const name = (key: string) => f.name(a[key] as Address);
  const amount = (key: string) => f.amount(a[key] as bigint);
  switch (`${event.contract}.${event.eventName}`) {
    // ------------------------------------------------------------ registry
    case "registry.ParticipantVerified":
      return `${name("by")} verified ${name("account")} as ${roleWithArticle(Number(a.role))} until ${f.date((a.expiresAt as bigint) - 1n)}.`;
    case "registry.ParticipantRevoked":
      return `${name("by")} revoked ${name("account")}'s verification as ${roleWithArticle(Number(a.role))}.`;
    case "registry.ParticipantSuspended":
      return a.suspended
        ? `${name("by")} suspended ${name("account")} in all its roles.`
        : `${name("by")} reinstated ${name("account")}.`;
    case "registry.CurrencyAllowed":
      return a.allowed
        ? `${f.token(a.currency as Address)} was allowlisted: new claims may be issued in it.`
        : `${f.token(a.currency as Address)} was taken off the allowlist: no new claims in it, live ones go on.`;
    case "registry.MarketRulesUpdated": {
      const r = a.rules as MarketRules;
      const days = (seconds: number) => Math.round((seconds / 86_400) * 100) / 100;
      return (
        `Market rules version ${a.version as number} took effect for new claims: tenors of ${days(r.minTenor)} to ` +
        `${days(r.maxTenor)} days, ${days(r.defaultGrace)} days of default grace, a sale fee of ${formatBps(r.saleFeeBps, { locale: "en" })}.`
      );
    }
    case "registry.AgentSet":
      return a.trusted
        ? `${name("agent")} became a trusted agent: it may lock and move claims.`
        : `${name("agent")} is no longer a trusted agent.`;
    case "registry.Paused":
      return `${name("account")} paused new business (issuing, listing, bidding); payments and withdrawals go on.`;
    case "registry.Unpaused":
      return `${name("account")} resumed new business.`;
    case "registry.RoleGranted":
      return `${name("sender")} gave ${name("account")} the ${accessRoleName(a.role as Hex) ?? "unknown"} role.`;
    case "registry.RoleRevoked":
      return `${name("sender")} took the ${accessRoleName(a.role as Hex) ?? "unknown"} role from ${name("account")}.`;

    // ------------------------------------------------------------ claim contract
    case "claims.Withdrawn":
    case "market.Withdrawn":
    case "escrow.Withdrawn": {
      const to = (a.to as string).toLowerCase() === (a.account as string).toLowerCase() ? "" : ` to ${name("to")}`;
      return `${name("account")} withdrew ${amount("amount")} from ${WHERE_FROM[event.contract]}${to}.`;
    }
    case "claims.HeldPaymentReclaimed":
      return `${name("payer")} took back the ${amount("amount")} it paid while the claim was disputed, as the claim was voided.`;
    case "claims.AcceptanceCounterIncremented":
      return `${name("debtor")} cancelled every acceptance it had signed and not yet used.`;

    // ------------------------------------------------------------ market
    case "market.StandingOfferPosted":
      return (
        `${name("factor")} posted standing offer #${a.offerId as bigint} on ${name("debtor")}'s claims: ` +
        `${formatBps(a.yieldBps as number, { locale: "en" })} a year, up to ${amount("exposureLimit")}, until ${f.date(a.expiry as bigint)}.`
      );
    case "market.StandingOfferCancelled":
      return `Standing offer #${a.offerId as bigint} was cancelled.`;
    case "market.ExposureReleased":
      return `${amount("amount")} of standing offer #${a.offerId as bigint}'s exposure was released.`;
    case "market.SignedOfferCancelled":
      return `${name("bidder")} cancelled one of its private offers.`;
    case "market.MinOfferNonceRaised":
      return `${name("bidder")} cancelled all its earlier private offers.`;

    // ------------------------------------------------------------ escrow
    // Every escrow event names its claim: the claim timeline tells them (offered, withdrawn, activated, called,
    // subrogated, distributed, taken, released), through the default below.

    case "claims.ClaimStateChanged":
      // The first state comes with the issue, told by `ClaimIssued`.
      return Number(a.from) === 0 ? undefined : describeEvent(event, f);
    default:
      // The claim's own story, as its page tells it. A sale is told as such ("Sold to"), first or not.
      return describeEvent(event, f);
  }
}

/** Newest first: the order of an activity feed. */
export function newestFirst<E extends ClaimEvent>(events: readonly E[]): E[] {
  return inChainOrder(events).reverse();
}

/**
 * The block range of an activity page: `pageSize` blocks ending at `to` (the latest block when absent or beyond
 * it). `older` is where the next older page ends (undefined at block 0), `newer` where the next newer one ends
 * (undefined when this page reaches the latest block).
 */
export function blockRange(
  to: bigint | undefined,
  latest: bigint,
  pageSize: bigint,
): { fromBlock: bigint; toBlock: bigint; older?: bigint; newer?: bigint } {
  const toBlock = to === undefined || to > latest ? latest : to < 0n ? 0n : to;
  const fromBlock = toBlock + 1n > pageSize ? toBlock + 1n - pageSize : 0n;
  return {
    fromBlock,
    toBlock,
    older: fromBlock > 0n ? fromBlock - 1n : undefined,
    newer: toBlock < latest ? (toBlock + pageSize > latest ? latest : toBlock + pageSize) : undefined,
  };
}

/** The `to` block an activity URL asks for (`/activity?to=123`), or undefined for the latest. */
export function parseBlockParam(value: string | undefined): bigint | undefined {
  return value !== undefined && /^\d{1,20}$/.test(value) ? BigInt(value) : undefined;
}
