/**
 * Reads made on the server so that a page's first HTML already holds its data: the market's table is complete
 * before any JavaScript runs. The results go to the browser as react-query's dehydrated cache under the keys the
 * browser's wagmi hooks compute from the same parameters (reads.ts), so the page hydrates with them and reads again
 * only when they are stale. The server reads through `connect()` (lib/chain.ts: OPENFACTOR_RPC_URL); a node that
 * does not answer leaves every read to the browser.
 */
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { Address } from "viem";
import { getBlockQueryKey, hashFn, readContractQueryKey, readContractsQueryKey } from "wagmi/query";

import type { ResultOf } from "@openfactor/sdk";
import { connect } from "./chain";
import { contractsOn } from "./chains";
import {
  allowedOf,
  currenciesRead,
  FIRST_LENS_WINDOW,
  laterLensWindows,
  listedClaimsRead,
  marketTokens,
  participantCountRead,
  participantPagesRead,
  tokenReads,
  verifiedAt,
  type ParticipantRecord,
} from "./reads";

/** One window of the market lens: the listed claims among its ids, and how many claims exist. */
type LensWindow = ResultOf<"lens", "listedClaims">;

/** What the market's first view reads at one block. */
interface MarketReads {
  /** The registry's participant count and pages: the verified factors among them are the bidders the lens reads. */
  participantCount: bigint;
  participantPages: (readonly ParticipantRecord[])[];
  first: LensWindow;
  more: LensWindow[];
  currencies: readonly [readonly Address[], readonly boolean[]];
  /** The tokens the table names, and their symbol and decimals (two results a token). */
  tokens: Address[];
  tokenFacts: unknown[];
}

/** The latest reads of each kind, with the block they were made at. */
const lastReads = new Map<string, { block: string; value: Promise<unknown> }>();

/**
 * `read()`'s result at `block`, read once: a page is the same for every visitor at one block, so a page served in
 * a block that was read answers from here, and the node is read again only when a block is mined. One entry per
 * kind of read (the latest block's); a read that fails is forgotten.
 */
export function oncePerBlock<T>(kind: string, block: { hash: string }, read: () => Promise<T>): Promise<T> {
  const last = lastReads.get(kind);
  if (last?.block === block.hash) return last.value as Promise<T>;
  const value = read();
  lastReads.set(kind, { block: block.hash, value });
  value.catch(() => {
    if (lastReads.get(kind)?.value === value) lastReads.delete(kind);
  });
  return value;
}

/**
 * The market page's first view: chain time, the registry's participants, every listed claim through the lens (told
 * the verified factors among the participants as its bidders), the allowed currencies, and the symbol and decimals of
 * every token the table names: a handful of batched requests to the node whatever the number of claims (the
 * participant count with the currencies; the participant pages; the lens's first window of ids, which tells the claim
 * count; then every other window in one batch; then the tokens), all at the latest block, and none when that block
 * was read already.
 */
export async function marketFirstView(): Promise<DehydratedState> {
  // Keys hold bigints: hashed the way wagmi hashes them in the browser.
  const cache = new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashFn } } });
  try {
    const { client, chain } = await connect();
    const chainId = chain.id;
    const contracts = contractsOn(chainId);
    if (contracts === undefined) return dehydrate(cache);
    const registryCurrencies = currenciesRead(chainId, contracts.registry);
    const countRead = participantCountRead(chainId, contracts.registry);

    const block = await client.getBlock();
    const reads = await oncePerBlock(`market ${chainId}`, block, async (): Promise<MarketReads> => {
      const at = { blockNumber: block.number };
      const [participantCount, currencies] = await Promise.all([
        client.readContract({ ...countRead, ...at }),
        client.readContract({ ...registryCurrencies, ...at }),
      ]);
      const participantPages = await Promise.all(
        participantPagesRead(chainId, contracts.registry, participantCount).map((read) =>
          client.readContract({ ...read, ...at }),
        ),
      );
      const factors = verifiedAt(participantPages.flat(), "Factor", block.timestamp);
      const lensWindow = (fromId: bigint) => listedClaimsRead(chainId, contracts.lens, fromId, factors);
      const first = await client.readContract({ ...lensWindow(FIRST_LENS_WINDOW), ...at });
      const more = await Promise.all(
        laterLensWindows(first[1]).map((fromId) => client.readContract({ ...lensWindow(fromId), ...at })),
      );
      const tokens = marketTokens(
        allowedOf(currencies),
        [first, ...more].flatMap(([listed]) => listed.map((entry) => entry.claim.currency)),
      );
      const tokenFacts: unknown[] = await Promise.all(
        tokenReads(chainId, tokens).map((read) => client.readContract({ ...read, ...at })),
      );
      return { participantCount, participantPages, first, more, currencies, tokens, tokenFacts };
    });
    const { participantCount, participantPages, first, more, currencies, tokens, tokenFacts } = reads;
    // The keys the browser's hooks compute (useAllParticipants, then the lens windows with the same factors).
    const pageReads = participantPagesRead(chainId, contracts.registry, participantCount);
    const factors = verifiedAt(participantPages.flat(), "Factor", block.timestamp);
    const lensWindow = (fromId: bigint) => listedClaimsRead(chainId, contracts.lens, fromId, factors);
    cache.setQueryData(getBlockQueryKey({ chainId }), block);
    cache.setQueryData(readContractQueryKey(countRead), participantCount);
    if (pageReads.length > 0)
      cache.setQueryData(
        readContractsQueryKey({ contracts: pageReads, allowFailure: false, chainId }),
        participantPages,
      );
    cache.setQueryData(readContractQueryKey(lensWindow(FIRST_LENS_WINDOW)), first);
    const later = laterLensWindows(first[1]).map(lensWindow);
    if (later.length > 0)
      cache.setQueryData(
        readContractsQueryKey({ contracts: later, chainId }),
        more.map((result) => ({ status: "success", result })),
      );
    cache.setQueryData(readContractQueryKey(registryCurrencies), currencies);
    if (tokens.length > 0)
      cache.setQueryData(
        readContractsQueryKey({ contracts: tokenReads(chainId, tokens), chainId }),
        tokenFacts.map((result) => ({ status: "success", result })),
      );
  } catch (error) {
    // The node did not answer or a read failed: the browser reads everything itself.
    console.warn(`market first view not read on the server: ${(error as Error).message.split("\n")[0]}`);
  }
  return dehydrate(cache);
}
