/**
 * Finds a cited passage among the text items of a PDF page (PDF.js's text layer), so the
 * viewer can highlight it. The passage is our chunk text, which ingestion cleaned: words a
 * line break cut are joined ("fun-" + "dada"), broken accents are repaired ("informa¸c˜oes"
 * became "informações") and whitespace is collapsed. Both sides are therefore compared folded:
 * letters and digits only, without accents, lower case.
 */

/** A slice of one text item to highlight: item index and [start, end) in its string. */
export interface ItemRange {
  item: number;
  start: number;
  end: number;
}

// Anchors of this many folded characters are looked for when the whole passage is not found.
const ANCHOR = 24;
// How far (folded characters) an anchor may drift from where the passage puts it.
const DRIFT = 80;
// The share of anchors that must be found, in order, for a partial match to count.
const MIN_SHARE = 0.6;

/** One character folded for comparison: "" for spaces, punctuation and accents alone. */
export function foldChar(ch: string): string {
  return ch
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** A folded text and, for each folded character, the item and offset it came from. */
interface Folded {
  text: string;
  item: number[];
  offset: number[];
}

function fold(items: readonly string[]): Folded {
  let text = "";
  const item: number[] = [];
  const offset: number[] = [];
  items.forEach((value, index) => {
    for (let at = 0; at < value.length; at++) {
      const folded = foldChar(value[at] ?? "");
      for (const ch of folded) {
        text += ch;
        item.push(index);
        offset.push(at);
      }
    }
  });
  return { text, item, offset };
}

/** The passage folded into one string (no item bookkeeping). */
export function foldText(text: string): string {
  return fold([text]).text;
}

/** Anchors along the passage: [position in the passage, text]. */
function anchors(passage: string): [number, string][] {
  const out: [number, string][] = [];
  for (let at = 0; at + ANCHOR <= passage.length; at += ANCHOR) out.push([at, passage.slice(at, at + ANCHOR)]);
  const last = passage.length - ANCHOR;
  if (last > 0 && last % ANCHOR !== 0) out.push([last, passage.slice(last)]);
  return out;
}

/** From a seed anchor at `start` of the page, the anchors that follow it near where expected. */
function chain(page: string, list: [number, string][], seed: number, start: number): { hits: number; from: number; to: number } {
  const [seedAt] = list[seed] ?? [0];
  const origin = start - seedAt; // where the passage would begin on the page
  let hits = 0;
  let from = Infinity;
  let to = -1;
  for (const [at, piece] of list) {
    const lo = Math.max(0, origin + at - DRIFT);
    const found = page.indexOf(piece, lo);
    if (found < 0 || found > origin + at + DRIFT) continue;
    hits += 1;
    from = Math.min(from, found);
    to = Math.max(to, found + piece.length);
  }
  return { hits, from, to };
}

/** The folded [from, to) of the passage on the page: exact, else the best chain of anchors. */
function locate(page: string, passage: string): [number, number] | null {
  const exact = page.indexOf(passage);
  if (exact >= 0) return [exact, exact + passage.length];
  const list = anchors(passage);
  if (list.length === 0) return null;
  let best = { hits: 0, from: 0, to: 0 };
  list.forEach(([, piece], seed) => {
    for (let found = page.indexOf(piece); found >= 0; found = page.indexOf(piece, found + 1)) {
      const candidate = chain(page, list, seed, found);
      if (candidate.hits > best.hits) best = candidate;
    }
  });
  return best.hits >= Math.max(1, Math.ceil(list.length * MIN_SHARE)) ? [best.from, best.to] : null;
}

/** The slices of `items` that hold `passage`, in order; null when it is not on the page. */
export function matchPassage(items: readonly string[], passage: string): ItemRange[] | null {
  const page = fold(items);
  const wanted = foldText(passage);
  if (!wanted || !page.text) return null;
  const span = locate(page.text, wanted);
  if (!span) return null;
  const ranges: ItemRange[] = [];
  for (let k = span[0]; k < span[1]; k++) {
    const item = page.item[k] ?? 0;
    const at = page.offset[k] ?? 0;
    const last = ranges[ranges.length - 1];
    if (last && last.item === item) last.end = Math.max(last.end, at + 1);
    else ranges.push({ item, start: at, end: at + 1 });
  }
  // The passage runs on from one item to the next: each item but the first is marked from
  // its start, each but the last to its end (its trailing hyphen or space included).
  return ranges.map((range, index) => ({
    item: range.item,
    start: index > 0 ? 0 : range.start,
    end: index < ranges.length - 1 ? (items[range.item]?.length ?? range.end) : range.end,
  }));
}
