import { expect } from "chai";

import type { System } from "../fixtures/system.js";

/** What a snapshot of the claim contract looks at, besides the claim count. */
export interface Watch {
  /** Claims whose stored record, owner, nonce, approval and lock are compared. Unknown ids are recorded as such. */
  ids?: bigint[];
  /** Invoice commitments whose live claim (claimByCommitment) is compared. */
  commitments?: string[];
  /** Accounts whose acceptance counter and claim balance are compared; the fixture's cast by default. */
  accounts?: string[];
}

/** A plain, comparable picture of the claim contract's state. */
export async function snapshot(s: System, watch: Watch = {}) {
  const { claims } = s;
  const claimCount = await claims.claimCount();
  const accounts = watch.accounts ?? [s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank].map((x) => x.address);
  const claimRecords = await Promise.all(
    (watch.ids ?? []).map(async (id) => {
      if (id === 0n || id > claimCount) return { id, exists: false };
      return {
        id,
        exists: true,
        record: [...(await s.claimLens.claim(id))],
        owner: await claims.ownerOf(id),
        nonce: await s.claimLens.claimNonce(id),
        approved: await claims.getApproved(id),
        lockedBy: await claims.lockedBy(id),
      };
    }),
  );
  return {
    claimCount,
    claims: claimRecords,
    commitments: await Promise.all((watch.commitments ?? []).map((c) => claims.claimByCommitment(c))),
    counters: await Promise.all(accounts.map((a) => claims.acceptanceCounter(a))),
    balances: await Promise.all(accounts.map((a) => claims.balanceOf(a))),
  };
}

/**
 * Sends a transaction that must revert with the claim contract's custom error `error(...args)`, and checks that
 * nothing it watches moved.
 */
export async function expectRevertUnchanged(
  s: System,
  send: () => Promise<unknown>,
  error: string,
  args: unknown[],
  watch: Watch = {},
): Promise<void> {
  const before = await snapshot(s, watch);
  await expect(send())
    .to.be.revertedWithCustomError(s.claims, error)
    .withArgs(...args);
  expect(await snapshot(s, watch)).to.deep.equal(before);
}
