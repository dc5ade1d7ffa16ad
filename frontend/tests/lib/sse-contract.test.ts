/**
 * The fixtures the backend writes and checks byte for byte (backend/tests/api/test_sse_contract.py),
 * parsed by this side's SSE reader: the contract is tested on both sides with the same files.
 */
import { describeError } from "@/lib/errors";
import { SseParser, toChatEvent } from "@/lib/sse";
import { sseFixture, type SseFixture } from "../helpers/fixtures";

function chatEvents(name: SseFixture) {
  const parser = new SseParser();
  return [...parser.push(sseFixture(name)), ...parser.end()].map(toChatEvent);
}

describe("the backend's SSE, as the web app reads it", () => {
  it("types a real answer stream: tokens, then done with the stored answer", () => {
    const events = chatEvents("chat-answer");
    expect(events.map((e) => e?.type)).toEqual(["token", "token", "done"]);
    const done = events[2];
    if (done?.type !== "done") throw new Error("no done event");
    expect(done.answer).toEqual({
      answer: "A fotossíntese ocorre nos **cloroplastos** [1].",
      citations: [expect.objectContaining({ document_id: "doc-1", chunk_id: "doc-1-0", title: "biologia.md", page: null })],
      conversation_id: "conv-1",
      message_id: "msg-1",
      mode: "llm",
      grounded: true,
    });
    const text = events.flatMap((e) => (e?.type === "token" ? [e.text] : [])).join("");
    expect(text).toBe(done.answer.answer);
  });

  it("types an error right after the opening comment, in the student's language", () => {
    const events = chatEvents("chat-unknown-conversation");
    expect(events).toEqual([{ type: "error", error: "Conversa não encontrada.", code: "not_found:conversation" }]);
    expect(describeError("not_found:conversation", "en")).toBe("This conversation no longer exists.");
  });
});
