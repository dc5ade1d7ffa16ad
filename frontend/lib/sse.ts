/**
 * Server-sent events: a spec-following incremental parser (WHATWG "event stream interpretation")
 * and the typed events of the chat stream (`token`, `done`, `error`).
 */
import type { ChatAnswer } from "./types";

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export type ChatStreamEvent =
  | { type: "token"; text: string }
  | { type: "done"; answer: ChatAnswer }
  | { type: "error"; error: string; code: string };

/** Incremental parser: feed text as it arrives, get the events completed so far. */
export class SseParser {
  private buffer = "";
  private eventName = "";
  private dataLines: string[] = [];
  private lastId: string | undefined;
  private started = false;

  /** Consume a chunk of decoded text and return every event it completes. */
  push(chunk: string): SseEvent[] {
    let text = this.buffer + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== "\n" && ch !== "\r") continue;
      // A lone CR at the very end may be the first half of CRLF: wait for more input.
      if (ch === "\r" && i === text.length - 1) break;
      this.processLine(text.slice(start, i), events);
      if (ch === "\r" && text[i + 1] === "\n") i++;
      start = i + 1;
    }
    this.buffer = text.slice(start);
    return events;
  }

  /** Signal the end of the stream; an unterminated event is discarded, as the spec says. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.endsWith("\r")) this.processLine(this.buffer.slice(0, -1), events);
    this.buffer = "";
    this.dataLines = [];
    this.eventName = "";
    return events;
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line === "") {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.eventName = value;
    else if (field === "data") this.dataLines.push(value);
    else if (field === "id" && !value.includes("\0")) this.lastId = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length > 0) {
      const event: SseEvent = { event: this.eventName || "message", data: this.dataLines.join("\n") };
      if (this.lastId !== undefined) event.id = this.lastId;
      events.push(event);
    }
    this.dataLines = [];
    this.eventName = "";
  }
}

/** Read a byte stream to the end, yielding each SSE event as soon as it is complete. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    reader.releaseLock();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAnswer(value: unknown): value is ChatAnswer {
  return (
    isRecord(value) &&
    typeof value.answer === "string" &&
    Array.isArray(value.citations) &&
    typeof value.mode === "string"
  );
}

/**
 * Turn one raw event into a typed chat event; unknown event names give `null` (ignored, so the
 * backend can add events later), malformed payloads give an `error` event with code `bad_stream`.
 */
export function toChatEvent(raw: SseEvent): ChatStreamEvent | null {
  if (raw.event !== "token" && raw.event !== "done" && raw.event !== "error") return null;
  let payload: unknown;
  try {
    payload = JSON.parse(raw.data);
  } catch {
    return { type: "error", error: "", code: "bad_stream" };
  }
  if (raw.event === "token" && isRecord(payload) && typeof payload.text === "string") {
    return { type: "token", text: payload.text };
  }
  if (raw.event === "done" && isAnswer(payload)) return { type: "done", answer: payload };
  if (raw.event === "error" && isRecord(payload)) {
    return {
      type: "error",
      error: typeof payload.error === "string" ? payload.error : "",
      code: typeof payload.code === "string" ? payload.code : "unknown",
    };
  }
  return { type: "error", error: "", code: "bad_stream" };
}
