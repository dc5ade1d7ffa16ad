import { act, renderHook, waitFor } from "@testing-library/react";
import { useChat } from "@/hooks/use-chat";
import { json, mockFetch, sse } from "../helpers/fake-backend";
import { sseFixture } from "../helpers/fixtures";

describe("useChat", () => {
  it("streams tokens into one assistant message, then replaces them with done.answer", async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { calls } = mockFetch({ "POST /api/chat": () => sse(sseFixture("chat-stream").split(/(?<=\n\n)/), { gate }) });
    const onAnswered = jest.fn();
    const { result } = renderHook(() => useChat({ collection: "bio", onAnswered }));

    act(() => void result.current.send("  Onde ocorre a fotossíntese?  "));
    await waitFor(() => expect(result.current.messages[1]?.content).toBe("A fotossíntese ocorre nos **cloroplastos** [1]."));
    expect(result.current.status).toBe("streaming");
    expect(result.current.messages[1]?.state).toBe("streaming");

    await act(async () => open());
    await waitFor(() => expect(result.current.status).toBe("idle"));
    const [question, answer] = result.current.messages;
    expect(question).toMatchObject({ role: "user", content: "Onde ocorre a fotossíntese?" });
    expect(answer).toMatchObject({ state: "done", mode: "llm", messageId: "msg-1" });
    expect(answer?.citations[0]).toMatchObject({ page: 2, chunk_id: "chunk-7" });
    expect(result.current.conversationId).toBe("conv-1");
    expect(onAnswered).toHaveBeenCalledTimes(1);
    expect(calls[0]!.body).toEqual({ message: "Onde ocorre a fotossíntese?", collection: "bio" });

    mockFetch({ "POST /api/chat": () => sse([sseFixture("chat-stream")]) });
    await act(() => result.current.send("E depois?"));
    expect((global.fetch as jest.Mock).mock.calls[0][1].body).toContain('"conversation_id":"conv-1"');
  });

  it("ignores an empty question", async () => {
    const { fetchMock } = mockFetch({});
    const { result } = renderHook(() => useChat());
    await act(() => result.current.send("   "));
    expect(result.current.messages).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("stop() keeps the partial text and marks the answer stopped", async () => {
    mockFetch({
      "POST /api/chat": ({ signal }) =>
        sse(['event: token\ndata: {"text":"Parcial"}\n\n', "event: done\ndata: {}\n\n"], { signal, gate: new Promise(() => undefined) }),
    });
    const { result } = renderHook(() => useChat());
    act(() => void result.current.send("pergunta"));
    await waitFor(() => expect(result.current.messages[1]?.content).toBe("Parcial"));
    act(() => result.current.stop());
    await waitFor(() => expect(result.current.messages[1]?.state).toBe("stopped"));
    expect(result.current.status).toBe("idle");
    expect(result.current.messages[1]?.content).toBe("Parcial");
  });

  it("turns an error event or a refused request into an error message with its code", async () => {
    mockFetch({ "POST /api/chat": () => sse([sseFixture("chat-error")]) });
    const { result } = renderHook(() => useChat());
    await act(() => result.current.send("x"));
    expect(result.current.messages[1]).toMatchObject({ state: "error", error: { code: "upstream:llm_timeout" } });

    mockFetch({ "POST /api/chat": () => sse(sseFixture("chat-error-first").split(/(?<=\n\n)/)) });
    await act(() => result.current.send("z"));
    expect(result.current.messages[3]).toMatchObject({ state: "error", content: "", error: { code: "not_found:conversation" } });

    mockFetch({ "POST /api/chat": () => json({ error: "slow down", code: "rate_limited" }, 429) });
    await act(() => result.current.send("y"));
    expect(result.current.messages[5]).toMatchObject({ state: "error", error: { code: "rate_limited" } });
  });

  it("loads a past conversation and reset() clears it", async () => {
    mockFetch({
      "GET /api/conversations/c9": () =>
        json({
          id: "c9",
          title: "Fotossíntese",
          messages: [
            { id: "u1", role: "user", content: "O que é?", citations: [], mode: null, created_at: "2026-01-01T10:00:00Z" },
            { id: "a1", role: "assistant", content: "Não sei.", citations: [], mode: "refused", created_at: "2026-01-01T10:00:01Z" },
            { id: "u2", role: "user", content: "E a luz?", citations: [], mode: null, created_at: "2026-01-01T10:00:02Z" },
            { id: "a2", role: "assistant", content: "Luz.", citations: [], mode: "llm", grounded: false, created_at: "2026-01-01T10:00:03Z" },
          ],
        }),
    });
    const { result } = renderHook(() => useChat());
    await act(() => result.current.load("c9"));
    expect(result.current.conversationId).toBe("c9");
    expect(result.current.messages[1]).toMatchObject({ mode: "refused", messageId: "a1", question: "O que é?", grounded: true });
    expect(result.current.messages[3]).toMatchObject({ mode: "llm", messageId: "a2", grounded: false });
    act(() => result.current.reset());
    expect(result.current.messages).toEqual([]);
    expect(result.current.conversationId).toBeNull();
  });
});
