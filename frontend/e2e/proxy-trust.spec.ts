/**
 * Proxy trust through the real web app and the real backend, which runs without ADMIN_TOKEN, so
 * teacher routes (here GET /api/insights) answer only callers on this machine. The backend must
 * judge the socket the web app accepted, never an X-Forwarded-For the caller wrote.
 */
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";
import { acceptedSocketPreload, backendPort, standaloneServer } from "./support/servers";

/** This machine's first non-loopback IPv4 address: a caller there is not "this machine" to the backend. */
function outsideAddress(): string | null {
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === "IPv4" && !entry.internal) return entry.address;
  }
  return null;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test("a caller on this machine forging a remote X-Forwarded-For is judged by its socket (loopback)", async ({ request }) => {
  const forged = await request.get("/api/insights", { headers: { "X-Forwarded-For": "203.0.113.9" } });
  expect(forged.status(), await forged.text()).toBe(200);
});

test.describe("a caller on the network", () => {
  const host = outsideAddress();
  let server: ChildProcess | undefined;
  let base = "";

  test.beforeAll(async () => {
    test.skip(host === null, "this machine has no non-loopback IPv4 address");
    const port = await freePort(host!);
    base = `http://${host}:${port}`;
    // A second web app server, listening on the network address only, in front of the same backend.
    server = spawn(process.execPath, ["--require", acceptedSocketPreload, standaloneServer], {
      env: { ...process.env, PORT: String(port), HOSTNAME: host!, BACKEND_URL: `http://127.0.0.1:${backendPort}`, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    for (let waited = 0; ; waited += 250) {
      const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (waited > 30_000) throw new Error(`the web app on ${base} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  test("gets no teacher rights with a forged X-Forwarded-For: 127.0.0.1", async ({ request }) => {
    const headers = { "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1" };
    const read = await request.get(`${base}/api/insights`, { headers });
    expect(read.status(), await read.text()).toBe(403);
    expect((await read.json()).code).toBe("forbidden");
    const write = await request.post(`${base}/api/collections`, { headers, data: { name: "Forjado" } });
    expect(write.status(), await write.text()).toBe(403);
  });
});
