/**
 * End-to-end tests against the real backend and the production frontend. scripts/e2e.sh picks
 * free ports and a temporary data folder; Playwright starts both servers and stops them after.
 */
import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import {
  acceptedSocketPreload,
  backendPort,
  classesAdminToken,
  classesBackendPort,
  classesFrontendPort,
  frontendPort,
  standaloneServer,
} from "./e2e/support/servers";

const backendBin = process.env.CHATGEPETO_BIN ?? path.resolve(__dirname, "..", ".venv", "bin", "chatgepeto");
const logDir = path.resolve(__dirname, "test-results");
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(__dirname, "test-results", "e2e-data");
const classesDataDir = process.env.E2E_CLASSES_DATA_DIR ?? path.resolve(__dirname, "test-results", "e2e-classes-data");
const CLASSES_SPEC = /classes\.spec\.ts$/;

/** A backend on `port` over `data`; `adminToken` "" makes this machine the admin. */
function backend(port: number, data: string, log: string, adminToken: string) {
  return {
    // The backend's log goes to a file: it is long, and only needed when something fails.
    command: `"${backendBin}" serve --host 127.0.0.1 --port ${port} >"${logDir}/${log}" 2>&1`,
    url: `http://127.0.0.1:${port}/api/health`,
    env: { CHATGEPETO_DATA_DIR: data, CHATGEPETO_SAMPLE_COURSE: "0", ADMIN_TOKEN: adminToken, LLM_API_KEY: "", GROQ_API_KEY: "" },
    timeout: 120_000,
    reuseExistingServer: false,
  };
}

/** The production web app on `port`, proxying to the backend on `upstream`. */
function frontend(port: number, upstream: number) {
  return {
    command: `node --require "${acceptedSocketPreload}" "${standaloneServer}"`,
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      BACKEND_URL: `http://127.0.0.1:${upstream}`,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    timeout: 60_000,
    reuseExistingServer: false,
  };
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/playwright",
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${frontendPort}`,
    locale: "pt-BR",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: CLASSES_SPEC, use: { ...devices["Desktop Chrome"], channel: undefined } },
    // Classes (issue 16) against the second pair, whose backend has an ADMIN_TOKEN.
    {
      name: "classes",
      testMatch: CLASSES_SPEC,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://127.0.0.1:${classesFrontendPort}` },
    },
  ],
  webServer: [
    backend(backendPort, dataDir, "backend.log", ""),
    frontend(frontendPort, backendPort),
    backend(classesBackendPort, classesDataDir, "backend-classes.log", classesAdminToken),
    frontend(classesFrontendPort, classesBackendPort),
  ],
});
