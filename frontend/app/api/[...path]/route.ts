/**
 * Streaming reverse proxy for `/api/*` to the backend. Next's `rewrites` buffer
 * `text/event-stream`; this handler pipes both bodies so chat tokens and large uploads flow as
 * they are produced, and the backend's own errors (a 413 JSON included) come back unchanged.
 * X-Forwarded-* describe the socket this server accepted (see `server/accepted-socket.cjs`).
 */
import { acceptedSocket } from "@/lib/accepted-socket";
import { downstreamResponseHeaders, unattributedBody, unreachableBody, upstreamRequestHeaders } from "@/lib/proxy";
import { backendUrl } from "@/lib/server-config";
import { sendUpstream } from "@/lib/upstream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function forward(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const socket = acceptedSocket();
  if (!socket) {
    // Forwarding without the socket's address would pass the client's own X-Forwarded-For on.
    console.error("proxy: started without server/accepted-socket.cjs (node --require); refusing /api/*");
    return new Response(unattributedBody(), { status: 500, headers: { "content-type": "application/json" } });
  }
  try {
    const upstream = await sendUpstream(new URL(`${backendUrl()}${url.pathname}${url.search}`), {
      method: request.method,
      headers: upstreamRequestHeaders(request.headers, socket),
      body: hasBody ? request.body : null,
      signal: request.signal,
    });
    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: downstreamResponseHeaders(upstream.headers),
    });
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    console.error(`proxy: ${request.method} ${url.pathname} failed:`, error);
    return new Response(unreachableBody(), { status: 502, headers: { "content-type": "application/json" } });
  }
}

export const GET = forward;
export const HEAD = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const OPTIONS = forward;
