/**
 * Test doubles at the network boundary only: a routed `fetch` mock and a fake XMLHttpRequest,
 * so the real API client, hooks and components run unchanged.
 */
export type Handler = (request: { url: string; method: string; headers: Headers; body: unknown; signal?: AbortSignal | null }) =>
  Response | Promise<Response>;

export interface FetchCall {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/** A JSON response as the backend sends it. */
export function json(body: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/** An SSE response whose chunks arrive one by one; `gate` can hold the stream open. */
export function sse(chunks: string[], options: { signal?: AbortSignal | null; gate?: Promise<void> } = {}): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const fail = () => controller.error(new DOMException("The operation was aborted.", "AbortError"));
      options.signal?.addEventListener("abort", fail, { once: true });
      for (const [index, chunk] of chunks.entries()) {
        if (options.signal?.aborted) return;
        if (index === chunks.length - 1 && options.gate) await options.gate;
        if (options.signal?.aborted) return;
        controller.enqueue(encoder.encode(chunk));
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

/** Install a fetch mock answering `"METHOD /path"` keys (query string ignored unless present in the key). */
export function mockFetch(routes: Record<string, Handler>) {
  const calls: FetchCall[] = [];
  const fetchMock = jest.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
    calls.push({ url, method, headers, body });
    if (init.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
    const path = url.split("?")[0];
    const handler = routes[`${method} ${url}`] ?? routes[`${method} ${path}`];
    if (!handler) return json({ error: `no route for ${method} ${url}`, code: "not_found" }, 404);
    return handler({ url, method, headers, body, signal: init.signal });
  });
  global.fetch = fetchMock as unknown as typeof fetch;
  return { calls, fetchMock };
}

type Listener = (event: ProgressEvent) => void;

/** A scriptable XMLHttpRequest; tests drive uploads with `progress`, `respond` and `fail`. */
export class FakeXhr {
  static instances: FakeXhr[] = [];
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  statusText = "";
  responseText = "";
  upload: { onprogress: Listener | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.instances.push(this);
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: FormData) {
    this.body = body;
  }

  abort() {
    this.onabort?.();
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }

  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }

  fail() {
    this.onerror?.();
  }

  static install() {
    FakeXhr.instances = [];
    global.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  }
}
