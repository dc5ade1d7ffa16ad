/**
 * One HTTP request to the backend with node:http, streaming both bodies.
 *
 * A backend that refuses an upload from its headers alone (413 too large, 401) answers and closes
 * the socket without reading the body. Node then fails the write (EPIPE/ECONNRESET) and may drop
 * the answer it already received; so after such a cut the same headers are sent again without a
 * body, and the backend's own verdict goes back to the browser unchanged.
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

export interface UpstreamResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

export interface UpstreamRequest {
  method: string;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
  signal?: AbortSignal;
}

const CUT_CODES = new Set(["EPIPE", "ECONNRESET"]);
const PROBE_TIMEOUT_MS = 5000;
// One connection per request: reusing an idle keep-alive socket races the backend closing it
// (gunicorn keeps idle connections 2 s) and fails the request with "socket hang up".
const agents = { "http:": new http.Agent({ keepAlive: false }), "https:": new https.Agent({ keepAlive: false }) };

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function attempt(url: URL, request: UpstreamRequest, body: Readable | null, timeoutMs?: number): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === "https:";
    const outgoing = (secure ? https : http).request(url, {
      agent: agents[secure ? "https:" : "http:"],
      method: request.method,
      headers: Object.fromEntries(request.headers),
      signal: request.signal,
    });
    let answered = false;
    const timer = timeoutMs ? setTimeout(() => outgoing.destroy(new Error("probe timed out")), timeoutMs) : null;
    outgoing.on("response", (incoming) => {
      answered = true;
      if (timer) clearTimeout(timer);
      const empty = request.method === "HEAD" || [204, 205, 304].includes(incoming.statusCode ?? 0);
      if (empty) incoming.resume();
      // A probe never sends its body: once the answer is read, drop the connection.
      if (!body && request.body) incoming.on("end", () => outgoing.destroy());
      resolve({
        status: incoming.statusCode ?? 502,
        statusText: incoming.statusMessage ?? "",
        headers: toHeaders(incoming.headers),
        body: empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>),
      });
    });
    outgoing.on("error", (error) => {
      if (timer) clearTimeout(timer);
      if (!answered) reject(error); // After an answer, a failed write is the refused body.
    });
    if (body) {
      body.on("error", (error) => outgoing.destroy(error));
      body.pipe(outgoing);
    } else if (request.body) {
      outgoing.flushHeaders(); // The probe: headers only, the body never follows.
    } else {
      outgoing.end();
    }
  });
}

/** Send the request; resolves as soon as the response headers arrive. */
export async function sendUpstream(url: URL, request: UpstreamRequest): Promise<UpstreamResponse> {
  const body = request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : null;
  try {
    return await attempt(url, request, body);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (!body || request.signal?.aborted || !CUT_CODES.has(code)) throw error;
    body.destroy();
    return attempt(url, request, null, PROBE_TIMEOUT_MS);
  }
}
