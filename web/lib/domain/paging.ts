/**
 * Reading id lists in full, planned and joined back (pure). The contracts answer two kinds of list views:
 *
 * - scanning views `(filters…, fromId, count) → ids` (`claimsOf`, `bidsOf`, `guaranteesOf`, the market lens's
 *   `listedClaims`): the contract stores no list; it looks at ids `fromId` to `fromId + count - 1` and returns those
 *   that match. Ids run from 1 to a count the contract tells (`claimCount`, `guaranteeCount`), so once that count is
 *   read, the windows that cover every id are known;
 * - paginated views `(key, offset, limit) → (ids, total)` (`standingOffersOf`): a list the contract stores, whose
 *   first page tells its total, so the later pages are known after it.
 *
 * Either way a list is read in two steps whatever its length: its size (the count, or the first page), then every
 * window of every list in one batch. `idWindows` and `laterOffsets` plan a list's windows, `planWindows` lays out the
 * batch, and `joinWindows` puts each list back together.
 */

/** One call of the batch: the list it belongs to (its index among the keys) and where its window starts. */
export interface WindowRead {
  list: number;
  /** The first id (scanning views) or the offset (paginated views) of the window. */
  from: bigint;
}

/** The starts of the windows of `size` that cover `from` up to, not including, `end`, in order. */
export function windowStarts(from: bigint, end: bigint, size: bigint): bigint[] {
  if (size <= 0n) throw new RangeError("a window must hold at least one id");
  const starts: bigint[] = [];
  for (let start = from; start < end; start += size) starts.push(start);
  return starts;
}

/** The first ids of the windows of `size` ids that cover ids 1 to `count` (none when there is no id). */
export const idWindows = (count: bigint, size: bigint): bigint[] => windowStarts(1n, count + 1n, size);

/** The offsets of a paginated list's pages after the first, for a list of `total` ids read `size` at a time. */
export const laterOffsets = (total: bigint, size: bigint): bigint[] => windowStarts(size, total, size);

/** Every window of every list, list by list and in order: list `i`'s windows start at `starts[i]`. */
export function planWindows(starts: readonly (readonly bigint[])[]): WindowRead[] {
  return starts.flatMap((list, i) => list.map((from) => ({ list: i, from })));
}

/**
 * Every list in full: list `i` is `initial[i]` (the first page of a paginated list, empty for a scanning view)
 * followed by the ids of its windows, as `planWindows` planned them and `answers` holds them, in the same order. A
 * list or a window not read (undefined) leaves its ids out, and `complete` is false.
 */
export function joinWindows(
  initial: readonly (readonly bigint[] | undefined)[],
  plan: readonly WindowRead[],
  answers: readonly (readonly bigint[] | undefined)[],
): { lists: bigint[][]; complete: boolean } {
  const lists = initial.map((ids) => [...(ids ?? [])]);
  let complete = initial.every((ids) => ids !== undefined);
  plan.forEach(({ list }, i) => {
    const ids = answers[i];
    if (ids === undefined) complete = false;
    else lists[list].push(...ids);
  });
  return { lists, complete };
}
