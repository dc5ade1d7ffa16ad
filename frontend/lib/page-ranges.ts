/** Page lists shown to people: consecutive pages compressed into ranges ("3, 7–9, 12"), long lists capped. */

/** One run of consecutive pages, both ends included (a single page has `first === last`). */
export interface PageRange {
  first: number;
  last: number;
}

/** The distinct valid (whole, >= 1) pages, sorted, grouped into runs of consecutive pages. */
export function pageRanges(pages: readonly number[] | null | undefined): PageRange[] {
  const sorted = [...new Set(pages ?? [])].filter((page) => Number.isInteger(page) && page >= 1).sort((a, b) => a - b);
  const ranges: PageRange[] = [];
  for (const page of sorted) {
    const current = ranges[ranges.length - 1];
    if (current && page === current.last + 1) current.last = page;
    else ranges.push({ first: page, last: page });
  }
  return ranges;
}

export interface FormatPageRangesOptions {
  /** At most this many ranges are written; the pages of the rest are counted instead. */
  limit?: number;
  /** The tail for the pages left out, e.g. `(count) => t("…and {count} more", { count })`. */
  more?: (count: number) => string;
}

export const DEFAULT_RANGE_LIMIT = 5;

/**
 * "3, 7–9, 12"; past `limit` ranges, "3, 7–9, 12 … and 4 more" (the count is of pages).
 * Duplicates, order and invalid numbers in the input do not matter; an empty list gives "".
 */
export function formatPageRanges(
  pages: readonly number[] | null | undefined,
  { limit = DEFAULT_RANGE_LIMIT, more = (count) => `… +${count}` }: FormatPageRangesOptions = {},
): string {
  const ranges = pageRanges(pages);
  const cap = Math.max(1, Math.floor(limit));
  const shown = ranges.slice(0, cap);
  const text = shown.map(({ first, last }) => (first === last ? `${first}` : `${first}–${last}`)).join(", ");
  const hidden = ranges.slice(cap).reduce((sum, { first, last }) => sum + last - first + 1, 0);
  return hidden > 0 ? `${text} ${more(hidden)}` : text;
}

/** How many distinct valid pages the list names. */
export function countPages(pages: readonly number[] | null | undefined): number {
  return pageRanges(pages).reduce((sum, { first, last }) => sum + last - first + 1, 0);
}
