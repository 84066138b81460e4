/**
 * What every action on the claim page knows of the claim, and the small date helpers its forms share.
 */
import type { Address } from "viem";

import type { ClaimStateName } from "@openfactor/sdk";
import type { TokenInfo } from "../../../lib/data/hooks";
import { dueDateFromInput } from "../../../lib/domain/invoice";
import type { BidSeen } from "../../../lib/domain/market";

/** A live or dead bid as the claim page shows it. */
export type BidView = BidSeen;

/** The claim as the page's actions see it. */
export interface ClaimContext {
  id: bigint;
  state: ClaimStateName;
  currency: Address;
  debtor: Address;
  dueDate: bigint;
  outstanding: bigint;
  holder: Address;
  nonce: bigint;
  token: TokenInfo;
  /** The listing, `claimNonce` the claim nonce its ask was priced on (buyable only while it is `nonce`). */
  listing?: { seller: Address; deadline: bigint; claimNonce: bigint; askPrice: bigint; minBid: bigint };
  bids: BidView[];
  amount(value: bigint): string;
}

/** How long a permit signed for one transaction stays valid. */
export const PERMIT_SECONDS = 3_600n;

/** A date input as a unix time: the last second of that day, UTC (as due dates typed as a day are). */
export const endOfDay = (value: string) => dueDateFromInput(value);

/** A unix time as a date input's value (UTC). */
export const unixToDateInput = (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(0, 10);
