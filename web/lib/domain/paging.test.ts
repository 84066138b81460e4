import { describe, expect, it } from "vitest";

import { idWindows, joinWindows, laterOffsets, planWindows, windowStarts } from "./paging";

/** Ids `from` to `to` (inclusive) as bigints. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

/**
 * A scanning view as the contracts implement it (`Ledger.window`): ids `fromId` (0 reads as 1) to
 * `fromId + count - 1`, never past `last`, those `matches` keeps, in id order.
 */
function scan(matches: (id: bigint) => boolean, fromId: bigint, count: bigint, last: bigint): bigint[] {
  const first = fromId === 0n ? 1n : fromId;
  const ids: bigint[] = [];
  for (let id = first; id < first + count && id <= last; id++) if (matches(id)) ids.push(id);
  return ids;
}

describe("windowStarts", () => {
  it("covers the range in steps of the window size, the last window possibly short", () => {
    expect(windowStarts(1n, 11n, 4n)).toEqual([1n, 5n, 9n]);
    expect(windowStarts(0n, 8n, 4n)).toEqual([0n, 4n]);
  });

  it("plans nothing for an empty range", () => {
    expect(windowStarts(5n, 5n, 4n)).toEqual([]);
    expect(windowStarts(6n, 5n, 4n)).toEqual([]);
  });

  it("refuses a window size that is not positive", () => {
    expect(() => windowStarts(1n, 10n, 0n)).toThrow(RangeError);
    expect(() => idWindows(10n, -1n)).toThrow(RangeError);
  });
});

describe("idWindows", () => {
  it("covers ids 1 to the count, the count included", () => {
    expect(idWindows(0n, 1_000n)).toEqual([]);
    expect(idWindows(1n, 1_000n)).toEqual([1n]);
    expect(idWindows(1_000n, 1_000n)).toEqual([1n]);
    expect(idWindows(1_001n, 1_000n)).toEqual([1n, 1_001n]);
    expect(idWindows(1_018n, 250n)).toEqual([1n, 251n, 501n, 751n, 1_001n]);
  });

  it("finds every matching id exactly once and in order, whatever the window size", () => {
    const matches = (id: bigint) => id % 3n === 0n || id === 1n || id === 1_018n;
    const expected = range(1, 1_018).filter(matches);
    for (const size of [1n, 7n, 250n, 1_000n, 1_018n, 5_000n]) {
      const ids = idWindows(1_018n, size).flatMap((from) => scan(matches, from, size, 1_018n));
      expect(ids).toEqual(expected);
    }
  });
});

describe("laterOffsets", () => {
  it("plans nothing beyond the first page when the list fits in it", () => {
    expect(laterOffsets(0n, 500n)).toEqual([]);
    expect(laterOffsets(500n, 500n)).toEqual([]);
  });

  it("plans every later page in order of offset", () => {
    expect(laterOffsets(501n, 500n)).toEqual([500n]);
    expect(laterOffsets(1_500n, 500n)).toEqual([500n, 1_000n]);
  });
});

describe("planWindows and joinWindows", () => {
  it("reads several scanning lists in one batch and joins each in id order", () => {
    const size = 4n;
    const count = 10n;
    const filters = [(id: bigint) => id % 2n === 0n, () => false, (id: bigint) => id > 8n];
    const starts = filters.map(() => idWindows(count, size));
    const plan = planWindows(starts);
    expect(plan.map((w) => [w.list, w.from])).toEqual([
      [0, 1n],
      [0, 5n],
      [0, 9n],
      [1, 1n],
      [1, 5n],
      [1, 9n],
      [2, 1n],
      [2, 5n],
      [2, 9n],
    ]);
    const answers = plan.map(({ list, from }) => scan(filters[list], from, size, count));
    expect(
      joinWindows(
        filters.map(() => []),
        plan,
        answers,
      ),
    ).toEqual({ lists: [[2n, 4n, 6n, 8n, 10n], [], [9n, 10n]], complete: true });
  });

  it("joins a paginated list's first page with its later pages", () => {
    const pageSize = 2n;
    const all = [range(1, 5), range(10, 11), []];
    const page = (list: number, offset: bigint) => all[list].slice(Number(offset), Number(offset + pageSize));
    const first = all.map((_, list) => page(list, 0n));
    const plan = planWindows(all.map((list) => laterOffsets(BigInt(list.length), pageSize)));
    expect(plan).toEqual([
      { list: 0, from: 2n },
      { list: 0, from: 4n },
    ]);
    const answers = plan.map(({ list, from }) => page(list, from));
    expect(joinWindows(first, plan, answers)).toEqual({ lists: all, complete: true });
  });

  it("says when a list or a window is missing, and keeps what was read", () => {
    const plan = planWindows([[1n, 3n], []]);
    expect(joinWindows([[], undefined], plan, [[1n], undefined])).toEqual({ lists: [[1n], []], complete: false });
    expect(joinWindows([[], []], plan, [[1n], undefined])).toEqual({ lists: [[1n], []], complete: false });
    expect(joinWindows([[], []], plan, [[1n], [3n, 4n]])).toEqual({ lists: [[1n, 3n, 4n], []], complete: true });
  });
});
