/**
 * Header rules for the streaming `/api/*` proxy: pure functions, so they are testable without a
 * server. Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy.
 */
import type { AcceptedSocket } from "./accepted-socket";

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

// Who the client is and how it connected: set here from the socket, never taken from the client.
const FORWARDING = new Set(["forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip"]);

/**
 * Headers for the upstream request: the browser's own (cookies, Authorization, X-Client-Id...),
 * minus any forwarding headers it sent; X-Forwarded-For, -Proto and -Host come from the socket
 * this server accepted, so a forged `X-Forwarded-For: 127.0.0.1` never reaches the backend.
 */
export function upstreamRequestHeaders(incoming: Headers, socket: AcceptedSocket): Headers {
  const result = new Headers();
  incoming.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && !FORWARDING.has(name) && name !== "host" && name !== "expect") result.set(name, value);
  });
  // An empty address would leave the backend seeing only this loopback hop: name no one instead.
  result.set("x-forwarded-for", socket.address || "unknown");
  result.set("x-forwarded-proto", socket.encrypted ? "https" : "http");
  if (socket.host) result.set("x-forwarded-host", socket.host);
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

/** The JSON error body for a server started without `server/accepted-socket.cjs`. */
export function unattributedBody(): string {
  return JSON.stringify({
    error: "O servidor do ChatGepeto foi iniciado sem registrar o endereço de quem pede; avise o administrador.",
    code: "proxy_misconfigured",
  });
}

/** The JSON error body the app's client understands, for when the backend cannot be reached. */
export function unreachableBody(): string {
  return JSON.stringify({
    error: "The ChatGepeto server is not answering.",
    code: "backend_unavailable",
  });
}
