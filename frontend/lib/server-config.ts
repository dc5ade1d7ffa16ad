/** The one reader of the frontend server's environment (server-side only). */

const DEFAULT_BACKEND_URL = "http://127.0.0.1:8000";

/** Where `/api/*` is forwarded: `BACKEND_URL`, without a trailing slash. */
export function backendUrl(): string {
  const value = process.env.BACKEND_URL?.trim() || DEFAULT_BACKEND_URL;
  return value.replace(/\/+$/, "");
}
