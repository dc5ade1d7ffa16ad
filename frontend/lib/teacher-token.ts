/** The teacher credential (ADMIN_TOKEN), kept for this browser tab only (sessionStorage). */
const KEY = "chatgepeto.teacherToken";

/** The stored token, or null when none (or when storage is unavailable). */
export function readTeacherToken(): string | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Store the token, or forget it with null. */
export function writeTeacherToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(KEY, token);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled (private mode): the token then lives only until the request retries.
  }
}
