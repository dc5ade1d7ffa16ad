/**
 * Header rules for the streaming `/api/*` proxy: pure functions, so they are testable without a
 * server. Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy.
 */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Headers for the upstream request: the browser's own (cookies, Authorization, X-Client-Id...). */
export function upstreamRequestHeaders(incoming: Headers, requestUrl: URL): Headers {
  const result = new Headers();
  incoming.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== "host" && name !== "expect") result.set(name, value);
  });
  const host = incoming.get("host") ?? requestUrl.host;
  // Next's server fills X-Forwarded-For with the socket's address when the client sent none.
  if (!result.has("x-forwarded-for")) result.set("x-forwarded-for", "127.0.0.1");
  if (!result.has("x-forwarded-proto")) result.set("x-forwarded-proto", requestUrl.protocol.replace(":", ""));
  if (!result.has("x-forwarded-host")) result.set("x-forwarded-host", host);
  // Ask for an identity body: SSE must never sit in a gzip buffer on the way.
  result.set("accept-encoding", "identity");
  return result;
}

/** Headers for the browser: the backend's (bodies are piped byte for byte), minus hop-by-hop. */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const result = new Headers();
  upstream.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || name === "set-cookie") return;
    result.set(name, value);
  });
  for (const cookie of upstream.getSetCookie()) result.append("set-cookie", cookie);
  if ((upstream.get("content-type") ?? "").includes("text/event-stream")) {
    // no-transform keeps Next's compression (and any proxy in front) from buffering the stream.
    result.set("cache-control", "no-cache, no-transform");
    result.set("x-accel-buffering", "no");
  }
  return result;
}

/** The JSON error body the app's client understands, for when the backend cannot be reached. */
export function unreachableBody(): string {
  return JSON.stringify({
    error: "The ChatGepeto server is not answering.",
    code: "backend_unavailable",
  });
}
