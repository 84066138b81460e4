import { describe, expect, it } from "vitest";

import { joinPages, laterPages, type IdPage } from "./paging";

/** Ids `from` to `to` (inclusive) as bigints. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

describe("laterPages", () => {
  it("plans nothing beyond the first page when every list fits in it", () => {
    expect(laterPages([0n, 1n, 500n], 500n)).toEqual([]);
  });

  it("plans every later page of every list, list by list, in order of offset", () => {
    expect(laterPages([501n, 10n, 1_500n], 500n)).toEqual([
      { list: 0, offset: 500n },
      { list: 2, offset: 500n },
      { list: 2, offset: 1_000n },
    ]);
  });

  it("reads nothing more for a list whose total is not known yet", () => {
    expect(laterPages([undefined, 3n], 2n)).toEqual([{ list: 1, offset: 2n }]);
  });

  it("refuses a page size that is not positive", () => {
    expect(() => laterPages([1n], 0n)).toThrow(RangeError);
  });
});

describe("joinPages", () => {
  it("joins each list's pages in order, whatever the lists' sizes", () => {
    const pageSize = 2n;
    const all = [range(1, 5), range(10, 11), []];
    const page = (list: number, offset: bigint): IdPage => [
      all[list].slice(Number(offset), Number(offset + pageSize)),
      BigInt(all[list].length),
    ];
    const first = all.map((_, list) => page(list, 0n));
    const plan = laterPages(
      first.map((p) => p[1]),
      pageSize,
    );
    expect(plan).toEqual([
      { list: 0, offset: 2n },
      { list: 0, offset: 4n },
    ]);
    const later = plan.map(({ list, offset }) => page(list, offset));
    expect(joinPages(first, plan, later)).toEqual({ lists: all, complete: true });
  });

  it("says when a page is missing, and keeps what was read", () => {
    const first: (IdPage | undefined)[] = [[[1n, 2n], 3n], undefined];
    const plan = laterPages([3n, undefined], 2n);
    expect(joinPages(first, plan, [undefined])).toEqual({ lists: [[1n, 2n], []], complete: false });
    expect(joinPages(first, plan, [[[3n], 3n]])).toEqual({ lists: [[1n, 2n, 3n], []], complete: false });
    expect(joinPages([[[1n, 2n], 3n]], plan.slice(0, 1), [[[3n], 3n]])).toEqual({
      lists: [[1n, 2n, 3n]],
      complete: true,
    });
  });
});
