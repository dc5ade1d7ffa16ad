/**
 * One closing line for the whole frontend suite, from Jest's and Playwright's JSON reports:
 * "frontend: N passed, N failed, N skipped".
 */
import { existsSync, readFileSync } from "node:fs";

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
let passed = 0;
let failed = 0;
let skipped = 0;

const jest = read("test-results/jest.json");
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  skipped += jest.numPendingTests + jest.numTodoTests;
}
const e2e = read("test-results/playwright.json");
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
console.log(`frontend: ${passed} passed, ${failed} failed, ${skipped} skipped`);
