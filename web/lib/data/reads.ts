/**
 * The parameters of reads that are made both on the server (to render a page's first view, see server-reads.ts)
 * and in the browser (the hooks). Building them in one place keeps the two query keys identical, so the browser
 * finds the server's results in its cache instead of reading again.
 */
import { erc20Abi, zeroAddress, type Address } from "viem";

import { abis, Role, type RoleName } from "@openfactor/sdk";
import { idWindows } from "../domain/paging";
import type { ParticipantRecord } from "../domain/operator";

export type { ParticipantRecord };

/**
 * Claim ids the market lens looks at per call. Its cost grows with the listings in the window and the bidders named,
 * never with the claims or participants outside them: about 60,000 gas a listed claim, 2,600 an id otherwise, and
 * 5,000 per bidder named per offers-only listing. At the 1,018-claim scale seed the densest window (about 100
 * listings) costs about 7 million gas; a window whose every claim were listed offers-only, with ten verified factors,
 * would pass the 16,777,216-gas `eth_call` cap (see `listedClaims`): read fewer ids a call if markets get that dense.
 */
export const LENS_WINDOW = 250n;

/**
 * The claims listed among ids `fromId` to `fromId + LENS_WINDOW - 1`, through the market lens (`listedClaims`), with
 * the live bids of `bidders` (the verified factors: only they can bid): the lens reads no list it is not given.
 */
export const listedClaimsRead = <A extends Address | undefined>(
  chainId: number,
  lens: A,
  fromId: bigint,
  bidders: readonly Address[],
) =>
  ({
    address: lens,
    abi: abis.lens,
    functionName: "listedClaims",
    args: [zeroAddress, zeroAddress, fromId, LENS_WINDOW, bidders],
    chainId,
  }) as const;

/** Participants read per call of the registry's `participants`. */
export const PARTICIPANT_PAGE = 500n;

/** The registry's participant count. */
export const participantCountRead = <A extends Address | undefined>(chainId: number, registry: A) =>
  ({ address: registry, abi: abis.registry, functionName: "participantCount", chainId }) as const;

/** Every page of the registry's participants, given their count. */
export const participantPagesRead = <A extends Address | undefined>(chainId: number, registry: A, count: bigint) => {
  const offsets: bigint[] = [];
  for (let offset = 0n; offset < count; offset += PARTICIPANT_PAGE) offsets.push(offset);
  return offsets.map(
    (offset) =>
      ({
        address: registry,
        abi: abis.registry,
        functionName: "participants",
        args: [offset, PARTICIPANT_PAGE],
        chainId,
      }) as const,
  );
};

/** The accounts verified for `role` at chain time `now` (not suspended, verification not expired). */
export const verifiedAt = (participants: readonly ParticipantRecord[], role: RoleName, now: bigint): Address[] =>
  participants.filter((p) => !p.suspended && p.expiries[Role[role]] > now).map((p) => p.account);

/** The first id of the lens's first window: read first, it also tells how many claims exist. */
export const FIRST_LENS_WINDOW = 1n;

/** The first ids of the lens windows after the first, given the claim count the first window returned. */
export const laterLensWindows = (claimCount: bigint): bigint[] => idWindows(claimCount, LENS_WINDOW).slice(1);

/** The registry's currency list (every currency ever allowlisted, with whether it is allowed now). */
export const currenciesRead = <A extends Address | undefined>(chainId: number, registry: A) =>
  ({ address: registry, abi: abis.registry, functionName: "currencies", chainId }) as const;

/** The currencies `currenciesRead` returned that are allowed now. */
export const allowedOf = (data: readonly [readonly Address[], readonly boolean[]] | undefined): Address[] =>
  data === undefined ? [] : data[0].filter((_, i) => data[1][i]);

/** Each distinct token once (lower case), in first-seen order. */
export const distinctTokens = (addresses: readonly Address[]) =>
  [...new Set(addresses.map((a) => a.toLowerCase()))] as Address[];

/** Symbol and decimals of each of `tokens` (from `distinctTokens`), two reads a token, in one batch. */
export const tokenReads = (chainId: number, tokens: readonly Address[]) =>
  tokens.flatMap((address) => [
    { address, abi: erc20Abi, functionName: "symbol", chainId } as const,
    { address, abi: erc20Abi, functionName: "decimals", chainId } as const,
  ]);

/** The tokens the market page names: the allowed currencies, then those of the listed claims. */
export const marketTokens = (allowed: readonly Address[], listedCurrencies: readonly Address[]) =>
  distinctTokens([...allowed, ...listedCurrencies]);
