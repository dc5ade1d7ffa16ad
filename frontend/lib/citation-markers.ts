/**
 * A remark plugin that turns `[n]` (and `[1, 2]`) in answer text into links to the n-th citation,
 * leaving numbers outside 1..count, code and existing links untouched.
 */
import type { Link, Parent, Root, RootContent, Text } from "mdast";

export const CITATION_HREF_PREFIX = "#citation-";
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/** The citation number a marker link points to, or null for any other href. */
export function citationIndex(href: string | undefined): number | null {
  if (!href?.startsWith(CITATION_HREF_PREFIX)) return null;
  const n = Number(href.slice(CITATION_HREF_PREFIX.length));
  return Number.isInteger(n) && n > 0 ? n : null;
}

function markerLink(n: number): Link {
  return { type: "link", url: `${CITATION_HREF_PREFIX}${n}`, title: null, children: [{ type: "text", value: `[${n}]` }] };
}

/** Split one text node into text and marker links (returns null when nothing changes). */
export function splitMarkers(value: string, count: number): (Text | Link)[] | null {
  const parts: (Text | Link)[] = [];
  let last = 0;
  let changed = false;
  for (const match of value.matchAll(MARKER)) {
    const numbers = (match[1] ?? "").split(",").map((s) => Number(s.trim()));
    if (!numbers.every((n) => n >= 1 && n <= count)) continue;
    const at = match.index ?? 0;
    if (at > last) parts.push({ type: "text", value: value.slice(last, at) });
    numbers.forEach((n) => parts.push(markerLink(n)));
    last = at + match[0].length;
    changed = true;
  }
  if (!changed) return null;
  if (last < value.length) parts.push({ type: "text", value: value.slice(last) });
  return parts;
}

function walk(node: Parent, count: number): void {
  const children: RootContent[] = [];
  for (const child of node.children as RootContent[]) {
    if (child.type === "text") {
      const parts = splitMarkers(child.value, count);
      children.push(...(parts ?? [child]));
    } else {
      if ("children" in child && child.type !== "link" && child.type !== "linkReference") walk(child, count);
      children.push(child);
    }
  }
  node.children = children as Parent["children"];
}

/** The plugin: `remarkPlugins={[[remarkCitationMarkers, { count }]]}`. */
export function remarkCitationMarkers(options: { count: number }) {
  return (tree: Root) => {
    if (options.count > 0) walk(tree, options.count);
  };
}
