/**
 * Building blocks for the tests that measure what the market's list-walking views cost: many claims, listings, bids
 * and participants made cheaply (one transaction a claim, one a hundred participants), and many more of them added
 * outside a window, so that a test can show a window's cost depends only on its own ids and the bidders it names.
 */
import { dataSlice, id as hashOf, getAddress } from "ethers";

import type { EscrowSystem } from "../fixtures/escrow.js";
import { USD } from "../fixtures/system.js";
import { DAY, Role } from "@openfactor/sdk";

/** `count` fresh addresses, the same for the same `label`. */
export function addresses(label: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => getAddress(dataSlice(hashOf(`${label}-${i}`), 12)));
}

/** Verifies `accounts` as factors for a year, a hundred a transaction. */
export async function verifyFactors(s: EscrowSystem, accounts: string[]): Promise<void> {
  const expiry = (await s.now()) + 365n * DAY;
  for (let i = 0; i < accounts.length; i += 100) {
    const batch = accounts.slice(i, i + 100);
    await s.registry.connect(s.operator).verifyBatch(
      batch,
      batch.map(() => Role.Factor),
      batch.map(() => expiry),
    );
  }
}

/**
 * `count` Accepted claims of the SME on the debtor (issued by the debtor and confirmed by the SME), each listed
 * offers-only and bid on by every one of `bidders` (the worst case of every view that walks them). Returns their ids.
 */
export async function listedWithBids(
  s: EscrowSystem,
  count: number,
  bidders: { bid: (id: bigint) => Promise<unknown> }[],
): Promise<bigint[]> {
  const ids: bigint[] = [];
  const deadline = (await s.now()) + 30n * DAY;
  for (let i = 0; i < count; i++) {
    await s.claims.connect(s.debtor).issueByDebtor(await s.terms(), "");
    const id = await s.claims.claimCount();
    await s.claims.connect(s.sme).accept(id); // a claim the debtor issued binds once its originator confirms it
    await s.market.connect(s.sme).list(id, 0n, 0n, deadline);
    for (const bidder of bidders) await bidder.bid(id);
    ids.push(id);
  }
  return ids;
}

/** A bid of 9,000 USD by `signer` on a claim, live for 20 days. */
export function bidder(s: EscrowSystem, signer: EscrowSystem["factor"]) {
  return {
    bid: async (id: bigint) => s.market.connect(signer).bid(id, 9_000n * USD, (await s.now()) + 20n * DAY),
  };
}
