/**
 * What every reducer takes: an event's decoded arguments (typed from the SDK's ABIs), where it happened, and the rows
 * it changes, as the tables hold them.
 */
import type { Abi, Address, DecodeEventLogReturnType, Hex } from "viem";

import type * as schema from "../../ponder.schema.ts";

/** The decoded arguments of event `N` of `A`. */
export type EventArgs<A extends Abi, N extends string> = Extract<DecodeEventLogReturnType<A>, { eventName: N }>["args"];

/** Where an event happened. `id` is unique per event (Ponder's event id). */
export interface At {
  id: string;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: Hex;
  logIndex: number;
}

export type Row<T extends { $inferSelect: unknown }> = T["$inferSelect"];
export type ClaimRow = Row<typeof schema.claim>;
export type PaymentRow = Row<typeof schema.payment>;
export type DisputeRow = Row<typeof schema.dispute>;
export type ListingRow = Row<typeof schema.listing>;
export type SaleRow = Row<typeof schema.sale>;
export type BidRow = Row<typeof schema.bid>;
export type StandingOfferRow = Row<typeof schema.standingOffer>;
export type OfferExposureRow = Row<typeof schema.offerExposure>;
export type SignedOfferCancellationRow = Row<typeof schema.signedOfferCancellation>;
export type AuctionRow = Row<typeof schema.auction>;
export type SealedBidRow = Row<typeof schema.sealedBid>;
export type GuaranteeRow = Row<typeof schema.guarantee>;
export type ParticipantRow = Row<typeof schema.participant>;
export type ParticipantRoleRow = Row<typeof schema.participantRole>;
export type AccessRoleRow = Row<typeof schema.accessRole>;
export type AgentRow = Row<typeof schema.agent>;
export type AllowedCurrencyRow = Row<typeof schema.allowedCurrency>;
export type RulesVersionRow = Row<typeof schema.rulesVersion>;
export type PlatformStateRow = Row<typeof schema.platformState>;
export type LedgerBalanceRow = Row<typeof schema.ledgerBalance>;
export type ActivityEventRow = Row<typeof schema.activityEvent>;

/** Addresses as the tables key them: lowercase. */
export const lower = (address: Address | Hex | string): Hex => address.toLowerCase() as Hex;

/** The name of member `value` of a Solidity enum whose member names (the SDK's list) are `names`. */
export function named<const N extends readonly string[]>(names: N, value: number): N[number] {
  const name = names[value];
  if (name === undefined) throw new Error(`no member ${value} in [${names.join(", ")}]`);
  return name;
}
