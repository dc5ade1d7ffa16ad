/**
 * Which links in an answer may open. The model writes the answer, and a passage it read can ask it
 * to write any link (phishing, tracking): only links to this product's own origin or to a cited
 * document's file open; every other one is shown as its text, without an href.
 */

export interface LinkPolicy {
  /** The product's origin (`window.location.origin`). */
  origin: string;
  /** The file URLs of the answer's cited documents (absolute or relative to `origin`). */
  citedUrls: readonly string[];
}

function resolve(href: string, origin: string): URL | null {
  try {
    return new URL(href, origin);
  } catch {
    return null;
  }
}

/** The URL without its fragment: `#page=2` still points to the same document. */
function withoutHash(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

/** The href to render for an answer's link, or null when it must not open. */
export function allowedHref(href: string | null | undefined, { origin, citedUrls }: LinkPolicy): string | null {
  if (!href) return null;
  const url = resolve(href.trim(), origin);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  if (url.origin === resolve(origin, origin)?.origin) return url.href; // the product's own pages and files
  const target = withoutHash(url);
  for (const cited of citedUrls) {
    const allowed = resolve(cited, origin);
    if (allowed && withoutHash(allowed) === target) return url.href;
  }
  return null;
}
