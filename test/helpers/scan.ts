/**
 * The scanning views (the claim lens's `claimsOf`, the market's `listings` and `bidsOf`, the escrow's
 * `guaranteesOf`) return the matching ids among `count` ids from `fromId`. These helpers walk them the way a caller
 * does, and check the edges of their windows.
 */
import { expect } from "chai";
import { MaxUint256 } from "ethers";

/** One window of a scanning view: the matching ids among ids `fromId` to `fromId + count - 1`. */
export type ScanWindow = (fromId: bigint, count: bigint) => Promise<bigint[]>;

/** Walks ids 1 to `lastId` in windows of `size` ids, one call each, and returns every match in id order. */
export async function scanAll(view: ScanWindow, lastId: bigint, size: bigint): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let fromId = 1n; fromId <= lastId; fromId += size) ids.push(...(await view(fromId, size)));
  return ids;
}

/**
 * Checks the edges of a scanning view's windows against its full answer `all` over ids 1 to `lastId` (at least 2):
 * fromId 0 reads as 1; a window from past the last id, or of count 0, is empty; count 2**256-1 does not overflow
 * from any start; a window cut at the last id and one inside the ids hold exactly their ids' matches; windows of 1,
 * 2, 3 and `lastId` ids laid end to end give exactly `all`.
 */
export async function expectWindowEdges(view: ScanWindow, all: bigint[], lastId: bigint): Promise<void> {
  expect(lastId >= 2n, "the edges need at least two ids").to.equal(true);
  const read = async (fromId: bigint, count: bigint) => [...(await view(fromId, count))];
  /** The matches among `count` ids from `first` (at least 1), read off the full answer. */
  const within = (first: bigint, count: bigint) => all.filter((id) => id >= first && id - first < count);

  expect(await read(0n, MaxUint256), "fromId 0, the largest count: everything").to.deep.equal(all);
  expect(await read(1n, MaxUint256), "fromId 1, the largest count: everything").to.deep.equal(all);
  expect(await read(0n, 1n), "fromId 0 reads as 1").to.deep.equal(within(1n, 1n));
  expect(await read(0n, 2n), "fromId 0 reads as 1 (two ids)").to.deep.equal(within(1n, 2n));
  expect(await read(2n, MaxUint256), "fromId 2, the largest count").to.deep.equal(within(2n, lastId));
  expect(await read(lastId, MaxUint256), "the last id, the largest count").to.deep.equal(within(lastId, 1n));
  expect(await read(2n, lastId - 2n), "a window inside the ids").to.deep.equal(within(2n, lastId - 2n));
  expect(await read(lastId - 1n, 10n), "a window cut at the last id").to.deep.equal(within(lastId - 1n, 2n));
  for (const [fromId, count] of [
    [lastId + 1n, 1n],
    [lastId + 1n, MaxUint256],
    [MaxUint256, MaxUint256],
    [0n, 0n],
    [1n, 0n],
    [lastId, 0n],
  ]) {
    expect(await read(fromId, count), `fromId ${fromId}, count ${count}: empty`).to.deep.equal([]);
  }
  for (const size of [1n, 2n, 3n, lastId]) {
    expect(await scanAll(view, lastId, size), `windows of ${size} laid end to end`).to.deep.equal(all);
  }
}
