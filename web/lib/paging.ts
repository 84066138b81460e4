/**
 * Reading a contract's paginated id list in full (`claimsOfDebtor`, `guaranteesOfGuarantor`, `standingOffersOf`, …:
 * `(key, offset, limit) → (ids, total)`): one batch reads the first page of every list, which tells each list's
 * total; one more batch reads every later page of every list. These helpers plan that second batch and join the
 * pages back together (pure).
 */

/** A later page to read: the list it belongs to (its index among the keys) and its offset. */
export interface LaterPage {
  list: number;
  offset: bigint;
}

/** A paginated view's answer: the page's ids and the list's total. */
export type IdPage = readonly [readonly bigint[], bigint];

/**
 * The pages after the first of each list, for lists of `totals` ids read `pageSize` at a time, list by list and in
 * order of offset. A list whose total is unknown yet counts as 0 (nothing more to read).
 */
export function laterPages(totals: readonly (bigint | undefined)[], pageSize: bigint): LaterPage[] {
  if (pageSize <= 0n) throw new RangeError("pageSize must be positive");
  const pages: LaterPage[] = [];
  totals.forEach((total, list) => {
    for (let offset = pageSize; offset < (total ?? 0n); offset += pageSize) pages.push({ list, offset });
  });
  return pages;
}

/**
 * Every list in full: each list's first page followed by its later pages (as `laterPages` planned them, answered
 * in `later`, in the same order). A first page not read is an empty list; a later page not read leaves its ids
 * out (`complete` says whether every page was read).
 */
export function joinPages(
  first: readonly (IdPage | undefined)[],
  plan: readonly LaterPage[],
  later: readonly (IdPage | undefined)[],
): { lists: bigint[][]; complete: boolean } {
  const lists = first.map((page) => [...(page?.[0] ?? [])]);
  let complete = first.every((page) => page !== undefined);
  plan.forEach(({ list }, i) => {
    const page = later[i];
    if (page === undefined) complete = false;
    else lists[list].push(...page[0]);
  });
  return { lists, complete };
}
