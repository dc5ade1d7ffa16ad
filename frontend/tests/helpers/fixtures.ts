/**
 * The SSE fixture files: chat-answer and chat-unknown-conversation are written and checked byte
 * for byte by the backend (backend/tests/api/test_sse_contract.py); the others are hand-written
 * (chat-stream is an older server's stream, without `grounded`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type SseFixture = "chat-answer" | "chat-unknown-conversation" | "chat-stream" | "chat-error" | "chat-error-first";

export function sseFixture(name: SseFixture): string {
  return readFileSync(path.join(__dirname, "..", "fixtures", "sse", `${name}.sse`), "utf8");
}
