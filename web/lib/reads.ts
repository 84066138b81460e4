/**
 * The parameters of reads that are made both on the server (to render a page's first view, see server-reads.ts)
 * and in the browser (the hooks). Building them in one place keeps the two query keys identical, so the browser
 * finds the server's results in its cache instead of reading again.
 */
import { erc20Abi, zeroAddress, type Address } from "viem";

import { lensAbi, registryAbi } from "../generated/contracts";
import { laterPages } from "./paging";

/** Listings read per call of the market lens. */
export const LENS_CHUNK = 500n;
/** Bidders the market lens reads per listed claim. */
export const LENS_BIDDERS_PER_CLAIM = 20n;

/** One page of every listed claim through the market lens (`listedClaims`), from `offset`. */
export const listedClaimsRead = <A extends Address | undefined>(chainId: number, lens: A, offset: bigint) =>
  ({
    address: lens,
    abi: lensAbi,
    functionName: "listedClaims",
    args: [zeroAddress, zeroAddress, offset, LENS_CHUNK, LENS_BIDDERS_PER_CLAIM],
    chainId,
  }) as const;

/** The offsets of the lens pages after the first, given the number of listings the first page reported. */
export const laterLensOffsets = (total: bigint): bigint[] => laterPages([total], LENS_CHUNK).map((page) => page.offset);

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
