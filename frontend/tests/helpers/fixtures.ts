/** The SSE fixture files shared with the backend's contract tests. */
import { readFileSync } from "node:fs";
import path from "node:path";

export function sseFixture(name: "chat-stream" | "chat-error" | "chat-error-first"): string {
  return readFileSync(path.join(__dirname, "..", "fixtures", "sse", `${name}.sse`), "utf8");
}
