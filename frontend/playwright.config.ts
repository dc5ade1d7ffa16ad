/**
 * End-to-end tests against the real backend and the production frontend. scripts/e2e.sh picks
 * free ports and a temporary data folder; Playwright starts both servers and stops them after.
 */
import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { acceptedSocketPreload, backendPort, frontendPort, standaloneServer } from "./e2e/support/servers";

const backendBin = process.env.CHATGEPETO_BIN ?? path.resolve(__dirname, "..", ".venv", "bin", "chatgepeto");
const logDir = path.resolve(__dirname, "test-results");
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(__dirname, "test-results", "e2e-data");

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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      // The backend's log goes to a file: it is long, and only needed when something fails.
      command: `"${backendBin}" serve --host 127.0.0.1 --port ${backendPort} >"${logDir}/backend.log" 2>&1`,
      url: `http://127.0.0.1:${backendPort}/api/health`,
      env: { CHATGEPETO_DATA_DIR: dataDir, CHATGEPETO_SAMPLE_COURSE: "0", ADMIN_TOKEN: "", LLM_API_KEY: "", GROQ_API_KEY: "" },
      timeout: 120_000,
      reuseExistingServer: false,
    },
    {
      command: `node --require "${acceptedSocketPreload}" "${standaloneServer}"`,
      url: `http://127.0.0.1:${frontendPort}/api/health`,
      env: {
        BACKEND_URL: `http://127.0.0.1:${backendPort}`,
        PORT: String(frontendPort),
        HOSTNAME: "127.0.0.1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      timeout: 60_000,
      reuseExistingServer: false,
    },
  ],
});
