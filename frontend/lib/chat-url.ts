/**
 * The web app's URL scheme: `/c/<conversationId>` is a conversation, `/` a new one, and
 * `?curso=<courseId>` on any page is the course the header shows. Pure functions, plus one
 * writer that goes through `window.history` (Next.js syncs its router with it, so the chat keeps
 * its state while the address changes).
 */

export const COURSE_PARAM = "curso";
const CONVERSATION_PATH = /^\/c\/([^/]+)\/?$/;

/** The conversation a path opens, or null (the chat's `/`, any other page). */
export function conversationIdFrom(pathname: string): string | null {
  const raw = CONVERSATION_PATH.exec(pathname)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null; // A malformed escape (`/c/%E0`) names no conversation.
  }
}

/** True on the chat's own paths (`/` and a conversation). */
export function isChatPath(pathname: string): boolean {
  return pathname === "/" || conversationIdFrom(pathname) !== null;
}

/** The course named in a query string, or null when absent or empty. */
export function courseFrom(search: URLSearchParams | null): string | null {
  return search?.get(COURSE_PARAM)?.trim() || null;
}

/** `path` with the course in its query, other parameters kept. */
export function withCourse(path: string, course: string | null, search?: URLSearchParams | null): string {
  const params = new URLSearchParams(search ?? undefined);
  if (course) params.set(COURSE_PARAM, course);
  else params.delete(COURSE_PARAM);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The chat's address: a conversation (or a new one) in a course. */
export function chatHref(conversationId: string | null, course: string | null): string {
  return withCourse(conversationId ? `/c/${encodeURIComponent(conversationId)}` : "/", course);
}

/**
 * Where choosing `course` on the page at `pathname` leads: the same page in that course, except
 * a conversation, which belongs to its own course, so the chat starts a new one there.
 */
export function courseHref(pathname: string, search: URLSearchParams | null, course: string): string {
  if (conversationIdFrom(pathname) !== null) return chatHref(null, course);
  return withCourse(pathname, course, search);
}

export type HistoryMode = "push" | "replace";

/** Put `href` in the address bar (a new history entry, or in place); nothing when already there. */
export function writeUrl(href: string, mode: HistoryMode = "push"): void {
  const { pathname, search } = window.location;
  if (pathname + search === href) return;
  if (mode === "push") window.history.pushState(null, "", href);
  else window.history.replaceState(null, "", href);
}

/**
 * True when a conversation's address cannot be opened here: the backend answers 404 both for a
 * deleted conversation and for another browser's (it never says which, by design).
 */
export function isUnavailable(error: { status: number; code: string } | null): boolean {
  return !!error && (error.code === "not_found:conversation" || error.status === 404);
}
