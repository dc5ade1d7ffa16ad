import { readSse, SseParser, toChatEvent, type SseEvent } from "@/lib/sse";
import { sseFixture } from "../helpers/fixtures";

function parseAll(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      parts.forEach((part) => controller.enqueue(part));
      controller.close();
    },
  });
}

describe("SseParser", () => {
  it("parses the shared chat fixture into token, token, done", () => {
    const events = parseAll([sseFixture("chat-stream")]);
    expect(events.map((e) => e.event)).toEqual(["token", "token", "done"]);
    expect(JSON.parse(events[0]!.data)).toEqual({ text: "A fotossíntese " });
  });

  it("skips the comment frame the backend opens every stream with", () => {
    const text = sseFixture("chat-stream");
    expect(text.startsWith(": ok\n\n")).toBe(true);
    expect(parseAll([": ok\n\n"])).toEqual([]);
    expect(parseAll([text])).toEqual(parseAll([text.slice(": ok\n\n".length)]));
  });

  it("gives the same events however the text is split", () => {
    const text = sseFixture("chat-stream");
    const whole = parseAll([text]);
    for (let cut = 1; cut < text.length; cut += 7) {
      expect(parseAll([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parseAll(Array.from(text))).toEqual(whole);
  });

  it("accepts CRLF and CR line endings, even a CRLF split across chunks", () => {
    const lf = "event: token\ndata: {\"text\":\"a\"}\n\n";
    const expected = parseAll([lf]);
    expect(parseAll([lf.replace(/\n/g, "\r\n")])).toEqual(expected);
    expect(parseAll([lf.replace(/\n/g, "\r")])).toEqual(expected);
    expect(parseAll(["event: token\r", "\ndata: {\"text\":\"a\"}\r", "\n\r", "\n"])).toEqual(expected);
  });

  it("joins multi-line data, skips comments, strips one leading space and a BOM", () => {
    const events = parseAll(["\uFEFF: keep-alive\n", "data:  two spaces\ndata:second\nid: 7\n\n"]);
    expect(events).toEqual([{ event: "message", data: " two spaces\nsecond", id: "7" }]);
  });

  it("ignores events without data and discards an unterminated last event", () => {
    expect(parseAll(["event: token\n\n"])).toEqual([]);
    expect(parseAll(["event: token\ndata: {}"])).toEqual([]);
    expect(parseAll([""])).toEqual([]);
  });
});

describe("readSse", () => {
  it("decodes UTF-8 split inside a character and yields events as they complete", async () => {
    const bytes = new TextEncoder().encode(sseFixture("chat-stream"));
    const at = bytes.indexOf(0xc3) + 1; // Inside "í" of "fotossíntese".
    const events: SseEvent[] = [];
    for await (const event of readSse(streamOf([bytes.slice(0, at), bytes.slice(at)]))) events.push(event);
    expect(JSON.parse(events[0]!.data).text).toBe("A fotossíntese ");
    expect(events).toHaveLength(3);
  });

  it("yields nothing for an empty stream", async () => {
    const events: SseEvent[] = [];
    for await (const event of readSse(streamOf([]))) events.push(event);
    expect(events).toEqual([]);
  });
});

describe("toChatEvent", () => {
  it("types token, done and error events", () => {
    const [token, , done] = parseAll([sseFixture("chat-stream")]).map(toChatEvent);
    expect(token).toEqual({ type: "token", text: "A fotossíntese " });
    expect(done).toMatchObject({ type: "done", answer: { mode: "llm", message_id: "msg-1" } });
    const error = parseAll([sseFixture("chat-error")]).map(toChatEvent)[1];
    expect(error).toEqual({ type: "error", error: "The language model did not answer in time.", code: "upstream:llm_timeout" });
  });

  it("types an error that arrives right after the opening comment", () => {
    expect(parseAll([sseFixture("chat-error-first")]).map(toChatEvent)).toEqual([
      { type: "error", error: "Conversation not found", code: "not_found:conversation" },
    ]);
  });

  it("keeps grounded from the done payload; an older server's done has none", () => {
    const [, , done] = parseAll([sseFixture("chat-stream")]).map(toChatEvent);
    expect(done).toMatchObject({ type: "done" });
    expect(done?.type === "done" && "grounded" in done.answer).toBe(false);
    const ungrounded = toChatEvent({ event: "done", data: JSON.stringify({ answer: "x", citations: [], mode: "llm", grounded: false }) });
    expect(ungrounded).toMatchObject({ type: "done", answer: { grounded: false } });
  });

  it("ignores unknown events and reports malformed payloads as bad_stream", () => {
    expect(toChatEvent({ event: "ping", data: "{}" })).toBeNull();
    expect(toChatEvent({ event: "token", data: "not json" })).toMatchObject({ type: "error", code: "bad_stream" });
    expect(toChatEvent({ event: "done", data: "{\"answer\": 1}" })).toMatchObject({ type: "error", code: "bad_stream" });
    expect(toChatEvent({ event: "error", data: "{}" })).toEqual({ type: "error", error: "", code: "unknown" });
  });
});
