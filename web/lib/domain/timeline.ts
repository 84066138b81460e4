/**
 * A claim's history in words: each contract event about the claim (claim contract, market, sealed-bid auction house,
 * guarantee escrow) becomes one sentence. Pure: the page reads the logs, names the parties and formats amounts and dates.
 */
import type { Address, Hex } from "viem";

import { CLAIM_STATES } from "@openfactor/sdk";

/** A decoded event as viem's getContractEvents returns it (only the fields used here). */
export interface ClaimEvent {
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  transactionHash?: Hex;
}

export interface TimelineFormat {
  /** A party's name: the demo label when known, else the short address. */
  name(address: Address): string;
  /** An amount in the claim's currency, with its symbol. */
  amount(value: bigint): string;
  /** A unix time as a date. */
  date(unixSeconds: bigint): string;
}

/** How a sale happened (types/Market.sol `SaleKind`). */
export const SALE_KINDS = ["at the ask price", "by accepting a bid", "to a standing offer", "to a private offer"];

const DISPUTE_OUTCOMES = ["Upheld", "Diluted", "Voided"] as const;

/** Events in chain order: by block, then by position in the block. */
export function inChainOrder<E extends ClaimEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
}

/**
 * One sentence per event, in chain order. Events the timeline does not tell (refunds credited, metadata updates) are
 * left out. `ClaimSold` says "sold to" for the first sale and "resold to" after it.
 */
export function describeTimeline<E extends ClaimEvent>(
  events: readonly E[],
  f: TimelineFormat,
): { event: E; sentence: string }[] {
  let sales = 0;
  const out: { event: E; sentence: string }[] = [];
  for (const event of inChainOrder(events)) {
    const sentence = describeEvent(event, f, sales > 0);
    if (event.eventName === "ClaimSold" || event.eventName === "AuctionSold") sales += 1;
    if (sentence !== undefined) out.push({ event, sentence });
  }
  return out;
}

/** The sentence for one event, or undefined for events the timeline leaves out. */
export function describeEvent(event: ClaimEvent, f: TimelineFormat, resale = false): string | undefined {
  const a = event.args;
  const name = (key: string) => f.name(a[key] as Address);
  const amount = (key: string) => f.amount(a[key] as bigint);
  switch (event.eventName) {
    case "ClaimIssued":
      return `${name("originator")} issued the claim on ${name("debtor")} for ${amount("faceValue")}, due ${f.date(a.dueDate as bigint)}.`;
    case "ClaimAccepted": {
      const relayed = (a.relayer as string).toLowerCase() !== (a.debtor as string).toLowerCase();
      return `${name("debtor")} accepted the claim${relayed ? ` (signature relayed by ${name("relayer")})` : ""}.`;
    }
    case "ClaimStateChanged":
      return `State changed from ${CLAIM_STATES[Number(a.from)]} to ${CLAIM_STATES[Number(a.to)]}.`;
    case "ClaimSold": {
      const how = SALE_KINDS[Number(a.kind)] ?? "";
      return `${resale ? "Resold" : "Sold"} to ${name("buyer")} by ${name("seller")} for ${amount("price")}, ${how}.`;
    }
    case "AuctionOpened":
      return `${name("seller")} opened a sealed-bid auction: sealed bids until ${f.date(BigInt(a.biddingEnds as bigint))}, reveals until ${f.date(BigInt(a.revealEnds as bigint))}.`;
    case "AuctionSold":
      return `${resale ? "Resold" : "Sold"} to ${name("buyer")} by ${name("seller")} for ${amount("price")}, in a sealed-bid auction.`;
    case "PaymentReceived":
      return `${name("payer")} paid ${amount("amount")} to ${name("payee")} (${amount("amountPaid")} paid in all).`;
    case "PaymentHeld":
      return `${name("payer")} paid ${amount("amount")}, held until the dispute ends.`;
    case "HeldPaymentsReleased":
      return `${amount("amount")} held during the dispute went to ${name("payee")}.`;
    case "ClaimDisputed":
      return `${name("by")} disputed the claim, naming its evidence by the file's hash.`;
    case "ClaimDisputeResolved": {
      const outcome = DISPUTE_OUTCOMES[Number(a.outcome)];
      if (outcome === "Diluted")
        return `${name("arbiter")} resolved the dispute: face value lowered from ${amount("oldFaceValue")} to ${amount("newFaceValue")}.`;
      if (outcome === "Voided") return `${name("arbiter")} resolved the dispute: the claim is void.`;
      return `${name("arbiter")} resolved the dispute: the claim stands.`;
    }
    case "ClaimWrittenOff":
      return `${name("holder")} wrote off a loss of ${amount("loss")}.`;
    case "Listed": {
      const ask = a.askPrice as bigint;
      const terms = ask > 0n ? `at ${amount("askPrice")}` : "for offers only";
      return `${name("seller")} listed the claim ${terms}, until ${f.date(a.deadline as bigint)}.`;
    }
    case "ListingUpdated": {
      const ask = a.askPrice as bigint;
      return `The listing changed: ${ask > 0n ? `ask ${amount("askPrice")}` : "offers only"}, until ${f.date(a.deadline as bigint)}.`;
    }
    case "Delisted":
      return `${name("seller")} withdrew the listing.`;
    case "BidPlaced":
      return `${name("bidder")} bid ${amount("amount")}.`;
    case "BidCancelled":
      return `${name("bidder")} cancelled its bid of ${amount("amount")}.`;
    case "GuaranteeOffered":
      return `${name("guarantor")} offered guarantee #${a.guaranteeId as bigint}: cover of ${amount("cover")} for a premium of ${amount("premium")}, open until ${f.date(a.offerExpiry as bigint)}.`;
    case "GuaranteeOfferWithdrawn":
      return `${name("guarantor")} withdrew its offer of guarantee #${a.guaranteeId as bigint}.`;
    case "GuaranteeActivated":
      return `${name("holder")} activated guarantee #${a.guaranteeId as bigint}, paying a premium of ${amount("premium")}.`;
    case "GuaranteeCalled": {
      const returned = a.returned as bigint;
      const rest = returned > 0n ? `; ${amount("returned")} of the cover went back to the guarantor` : "";
      return `${name("holder")} called guarantee #${a.guaranteeId as bigint} and was paid ${amount("paid")}${rest}.`;
    }
    case "Subrogated":
      return a.custody
        ? `The escrow took the claim into custody: ${name("guarantor")} shares in what the debtor pays from now on.`
        : `The claim went to ${name("guarantor")}, the guarantor, which now collects what the debtor pays.`;
    case "RecoveryDistributed":
      return `Recovered payments distributed: ${amount("toHolder")} to the holder at the call, ${amount("toGuarantor")} to the guarantor.`;
    case "SubrogatedClaimTaken":
      return `${name("guarantor")} took the claim out of the escrow's custody.`;
    case "GuaranteeReleased":
      return `Guarantee #${a.guaranteeId as bigint} ended: its collateral of ${amount("amount")} went back to ${name("guarantor")}.`;
    default:
      return undefined;
  }
}
