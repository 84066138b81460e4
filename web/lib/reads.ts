/**
 * The parameters of reads that are made both on the server (to render a page's first view, see server-reads.ts)
 * and in the browser (the hooks). Building them in one place keeps the two query keys identical, so the browser
 * finds the server's results in its cache instead of reading again.
 */
import { erc20Abi, zeroAddress, type Address } from "viem";

import { lensAbi, registryAbi } from "../generated/contracts";
import { idWindows } from "./paging";

/**
 * Claim ids the market lens looks at per call. Its cost grows with the listings in the window: about 64,000 gas a
 * listed claim (more for an offers-only listing when there are more verified factors, whose bids it reads) and 2,300
 * an id otherwise. At the 1,018-claim scale seed the densest window (about 100 listings) costs 6.7 million gas; one
 * whose every claim were listed would cost about 16 million: well below a 30–60 million block gas limit.
 */
export const LENS_WINDOW = 250n;

/** The claims listed among ids `fromId` to `fromId + LENS_WINDOW - 1`, through the market lens (`listedClaims`). */
export const listedClaimsRead = <A extends Address | undefined>(chainId: number, lens: A, fromId: bigint) =>
  ({
    address: lens,
    abi: lensAbi,
    functionName: "listedClaims",
    args: [zeroAddress, zeroAddress, fromId, LENS_WINDOW],
    chainId,
  }) as const;

/** The first id of the lens's first window: read first, it also tells how many claims exist. */
export const FIRST_LENS_WINDOW = 1n;

/** The first ids of the lens windows after the first, given the claim count the first window returned. */
export const laterLensWindows = (claimCount: bigint): bigint[] => idWindows(claimCount, LENS_WINDOW).slice(1);

/** The registry's currency list (every currency ever allowlisted, with whether it is allowed now). */
export const currenciesRead = <A extends Address | undefined>(chainId: number, registry: A) =>
  ({ address: registry, abi: registryAbi, functionName: "currencies", chainId }) as const;

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
