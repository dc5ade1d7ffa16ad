/**
 * @jest-environment node
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import "@/server/accepted-socket.cjs";
import { DELETE, GET, POST } from "@/app/api/[...path]/route";
import { acceptedSocket, type AcceptedSocket } from "@/lib/accepted-socket";
import { downstreamResponseHeaders, upstreamRequestHeaders } from "@/lib/proxy";

// The store the preload installed; the route handlers below run as if a socket had accepted them.
const sockets = (globalThis as Record<symbol, AsyncLocalStorage<AcceptedSocket>>)[Symbol.for("chatgepeto.accepted-socket")]!;
const LOCAL: AcceptedSocket = { address: "127.0.0.1", encrypted: false, host: "localhost:3000" };
const from = <T>(socket: AcceptedSocket, call: () => Promise<T>): Promise<T> => sockets.run(socket, call);

let server: http.Server;
let seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; bytes?: number };
let release: () => void = () => undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen = { method: req.method, url: req.url, headers: req.headers, bytes: 0 };
    if (req.url === "/api/documents?early=1") {
      // Like gunicorn refusing an oversized upload: answer, then close without reading the body.
      res.writeHead(413, { "Content-Type": "application/json", Connection: "close" });
      res.end(JSON.stringify({ error: "O arquivo passa do limite de 50 MB.", code: "too_large" }), () => req.socket.destroy());
      return;
    }
    if (req.url === "/api/chat") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Set-Cookie": ["cid=1; HttpOnly", "b=2"] });
      res.write('event: token\ndata: {"text":"primeiro"}\n\n');
      release = () => res.end('event: done\ndata: {"answer":"x"}\n\n');
      return;
    }
    req.on("data", (chunk: Buffer) => (seen.bytes! += chunk.length));
    req.on("end", () => {
      if (req.url === "/api/documents") {
        res.writeHead(413, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "File too large", code: "too_large" }));
      } else if (req.method === "DELETE") {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { "Content-Type": "application/json", Connection: "keep-alive" });
        res.end(JSON.stringify({ status: "ok", bytes: seen.bytes }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.BACKEND_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("/api/* proxy route", () => {
  it("forwards method, path, query and the browser's headers", async () => {
    const response = await from(LOCAL, () =>
      GET(
        new Request("http://localhost:3000/api/documents?collection=bio", {
          headers: { Cookie: "cid=abc", Authorization: "Bearer t", "X-Client-Id": "c1" },
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(seen.url).toBe("/api/documents?collection=bio");
    expect(seen.headers).toMatchObject({
      cookie: "cid=abc",
      authorization: "Bearer t",
      "x-client-id": "c1",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-proto": "http",
      "x-forwarded-host": "localhost:3000",
    });
    expect(response.headers.get("connection")).toBeNull();
  });

  it("replaces the client's forwarding headers with what the accepted socket saw", async () => {
    const remote: AcceptedSocket = { address: "192.0.2.7", encrypted: false, host: "escola.example:3000" };
    const response = await from(remote, () =>
      GET(
        new Request("http://localhost:3000/api/insights", {
          headers: {
            "X-Forwarded-For": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "localhost",
            "X-Forwarded-Port": "443",
            Forwarded: "for=127.0.0.1;proto=https",
            "X-Real-IP": "127.0.0.1",
          },
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(seen.headers?.["x-forwarded-for"]).toBe("192.0.2.7");
    expect(seen.headers?.["x-forwarded-proto"]).toBe("http");
    expect(seen.headers?.["x-forwarded-host"]).toBe("escola.example:3000");
    expect([seen.headers?.["x-forwarded-port"], seen.headers?.forwarded, seen.headers?.["x-real-ip"]]).toEqual([undefined, undefined, undefined]);
  });

  it("refuses to forward when no socket was recorded (server started without the preload)", async () => {
    seen = {};
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await GET(new Request("http://localhost:3000/api/insights", { headers: { "X-Forwarded-For": "127.0.0.1" } }));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("accepted-socket.cjs"));
    logged.mockRestore();
    expect(response.status).toBe(500);
    expect((await response.json()).code).toBe("proxy_misconfigured");
    expect(seen.url).toBeUndefined();
  });

  it("streams SSE: the first token arrives before the backend finishes, cookies pass through", async () => {
    const response = await from(LOCAL, () => POST(new Request("http://localhost:3000/api/chat", { method: "POST", body: "{}" })));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.getSetCookie()).toEqual(["cid=1; HttpOnly", "b=2"]);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("primeiro");
    release();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toContain("event: done");
  });

  it("streams a large request body through intact", async () => {
    const size = 5 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < size; sent += 1024 * 1024) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const response = await from(LOCAL, () =>
      POST(new Request("http://localhost:3000/api/search", { method: "POST", body, duplex: "half" } as RequestInit)),
    );
    expect(await response.json()).toEqual({ status: "ok", bytes: size });
  });

  it("returns the backend's own 4xx JSON unchanged, and 204 without a body", async () => {
    const refused = await from(LOCAL, () => POST(new Request("http://localhost:3000/api/documents", { method: "POST", body: "x" })));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: "File too large", code: "too_large" });
    const deleted = await from(LOCAL, () => DELETE(new Request("http://localhost:3000/api/documents/d1", { method: "DELETE" })));
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
  });

  it("returns a 413 the backend sends before reading an oversized upload", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await from(LOCAL, () =>
      POST(new Request("http://localhost:3000/api/documents?early=1", { method: "POST", body, duplex: "half" } as RequestInit)),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "O arquivo passa do limite de 50 MB.", code: "too_large" });
  });

  it("answers 502 with code backend_unavailable when the backend is down", async () => {
    const saved = process.env.BACKEND_URL;
    process.env.BACKEND_URL = "http://127.0.0.1:9";
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await from(LOCAL, () => GET(new Request("http://localhost:3000/api/health")));
    process.env.BACKEND_URL = saved;
    expect(logged).toHaveBeenCalledWith("proxy: GET /api/health failed:", expect.objectContaining({ code: "ECONNREFUSED" }));
    logged.mockRestore();
    expect(response.status).toBe(502);
    expect((await response.json()).code).toBe("backend_unavailable");
  });
});

describe("proxy header rules", () => {
  it("drops hop-by-hop, host and the client's forwarding headers; X-Forwarded-* describe the socket", () => {
    const headers = upstreamRequestHeaders(
      new Headers({ Host: "app:3000", Connection: "keep-alive", "X-Forwarded-For": "127.0.0.1", "Content-Length": "5" }),
      { address: "::ffff:10.0.0.7", encrypted: true, host: "app:3000" },
    );
    expect(headers.get("host")).toBeNull();
    expect(headers.get("connection")).toBeNull();
    expect(headers.get("content-length")).toBe("5");
    expect(headers.get("x-forwarded-for")).toBe("::ffff:10.0.0.7");
    expect(headers.get("x-forwarded-proto")).toBe("https");
    expect(headers.get("x-forwarded-host")).toBe("app:3000");
  });

  it("sends X-Forwarded-For: unknown when the socket had no address", () => {
    const headers = upstreamRequestHeaders(new Headers({ "X-Forwarded-For": "127.0.0.1" }), { address: "", encrypted: false, host: "" });
    expect(headers.get("x-forwarded-for")).toBe("unknown");
    expect(headers.get("x-forwarded-host")).toBeNull();
  });

  it("keeps the body's own headers: the body is piped byte for byte", () => {
    const headers = downstreamResponseHeaders(
      new Headers({ "Content-Encoding": "gzip", "Content-Length": "10", "Transfer-Encoding": "chunked" }),
    );
    expect([headers.get("content-encoding"), headers.get("content-length"), headers.get("transfer-encoding")]).toEqual(["gzip", "10", null]);
  });
});

describe("server/accepted-socket.cjs (the preload)", () => {
  it("records the peer of a real socket, whatever X-Forwarded-For the client sends", async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(acceptedSocket() ?? null));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const headers = { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", Host: "escola.example" };
        http.get({ host: "127.0.0.1", port, path: "/api/health", headers }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(text));
        }).on("error", reject);
      });
      expect(JSON.parse(body)).toEqual({ address: "127.0.0.1", encrypted: false, host: "escola.example" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("leaves code outside a request without a record", () => {
    expect(acceptedSocket()).toBeUndefined();
  });
});
