/**
 * What a claim's state allows, as one table: every state set the dApp, the seed and the tests use is read from it.
 * The contracts are the authority; test/ReceivableClaim.stateTable.test.ts (the state × function table) pins the
 * rows the claim contract enforces, and the market and escrow tests pin `trade` and `cover`.
 */
import { CLAIM_STATES, type ClaimStateName } from "./enums.ts";

/** One thing a state allows or says of a claim. */
export type StateRule =
  /** The debtor may accept (or reject), the originator cancel, anyone expire after the window. */
  | "confirm"
  /** A payment is taken and credited to the holder. */
  | "pay"
  /** A payment is taken and held until the arbiter resolves the dispute. */
  | "payHeld"
  /** The holder (or an agent) may move the claim to another verified participant. */
  | "transfer"
  /** The market lists, bids on and sells the claim. */
  | "trade"
  /** The debtor or the holder may dispute the claim. */
  | "dispute"
  /** A guarantor may offer cover, and the holder activate it (until the default grace runs out). */
  | "cover"
  /** In the normal course the debtor still owes the outstanding amount. */
  | "owing"
  /** The claim is performing: not yet due, or due and not yet late. */
  | "performing"
  /** The claim never moves again and nothing is owed on it. */
  | "ended"
  /** A holder's position in it pays nothing more in the normal course. */
  | "closed";

/** The table: each state's rules. */
export const STATE_RULES: { readonly [S in ClaimStateName]: readonly StateRule[] } = {
  None: [],
  Issued: ["confirm"],
  Accepted: ["pay", "transfer", "trade", "dispute", "cover", "owing", "performing"],
  Financed: ["pay", "transfer", "trade", "dispute", "cover", "owing", "performing"],
  Overdue: ["pay", "transfer", "dispute", "cover", "owing"],
  Defaulted: ["pay", "transfer", "owing"],
  Disputed: ["payHeld"],
  Settled: ["ended", "closed"],
  Rejected: ["ended"],
  Expired: ["ended"],
  Cancelled: ["ended"],
  Voided: ["ended", "closed"],
  WrittenOff: ["pay", "transfer", "closed"],
};

/** The states whose rules include `rule`, in the enum's order. */
export function statesWhere(rule: StateRule): readonly ClaimStateName[] {
  return CLAIM_STATES.filter((state) => STATE_RULES[state].includes(rule));
}

/** Whether a claim in `state` allows `rule`. */
export const allows = (state: ClaimStateName, rule: StateRule): boolean => STATE_RULES[state].includes(rule);

/** Issued: waiting for the counterparty's confirmation. */
export const CONFIRMABLE_STATES = statesWhere("confirm");
/** A payment is credited to the holder (the dApp's pay button). */
export const PAYABLE_STATES = statesWhere("pay");
/** A payment is held for the arbiter. */
export const PAYMENT_HELD_STATES = statesWhere("payHeld");
/** The claim moves between holders. */
export const TRANSFERABLE_STATES = statesWhere("transfer");
/** The market trades the claim. */
export const SELLABLE_STATES = statesWhere("trade");
/** The claim may be disputed. */
export const DISPUTABLE_STATES = statesWhere("dispute");
/** Cover may be offered and activated. */
export const COVERABLE_STATES = statesWhere("cover");
/** The debtor still owes, in the normal course. */
export const OWING_STATES = statesWhere("owing");
/** The claim is performing. */
export const PERFORMING_STATES = statesWhere("performing");
/** The claim is over: it never moves again. */
export const ENDED_STATES = statesWhere("ended");
/** A position in the claim is closed. */
export const CLOSED_STATES = statesWhere("closed");
