import { createApiClient } from "@/lib/api-client";
import type { ChatStreamEvent } from "@/lib/sse";
import { FakeXhr, json, mockFetch, sse } from "../helpers/fake-backend";
import { sseFixture } from "../helpers/fixtures";
import { failure } from "../helpers/failure";

async function collect(stream: AsyncGenerator<ChatStreamEvent>) {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("api client: JSON calls", () => {
  it("returns the payload and sends the teacher token when there is one", async () => {
    const { calls } = mockFetch({ "GET /api/collections": () => json({ collections: [{ id: "default", name: "Geral", documents: 0 }] }) });
    const client = createApiClient({ getToken: () => "s3cret" });
    expect(await client.listCollections()).toEqual([{ id: "default", name: "Geral", documents: 0 }]);
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer s3cret");
  });

  it("sends no Authorization header without a token, and JSON bodies for writes", async () => {
    const { calls } = mockFetch({ "PATCH /api/documents/d%201": () => json({ id: "d 1", title: "Novo" }) });
    await createApiClient().renameDocument("d 1", "Novo");
    expect(calls[0]!.headers.has("Authorization")).toBe(false);
    expect(calls[0]!.headers.get("Content-Type")).toBe("application/json");
    expect(calls[0]!.body).toEqual({ title: "Novo" });
  });

  it("passes the collection as a query parameter", async () => {
    const { calls } = mockFetch({ "GET /api/documents": () => json({ documents: [] }) });
    expect(await createApiClient().listDocuments("história do brasil")).toEqual([]);
    expect(calls[0]!.url).toBe("/api/documents?collection=hist%C3%B3ria%20do%20brasil");
  });

  it("accepts 204 with no body", async () => {
    mockFetch({ "DELETE /api/documents/d1": () => json(null, 204) });
    await expect(createApiClient().deleteDocument("d1")).resolves.toBeUndefined();
  });

  it("re-indexes with a POST carrying the teacher token, and reports 409 with its code", async () => {
    const queued = { id: "d 1", title: "Aula", status: "queued", suspect_pages: [] };
    const { calls } = mockFetch({ "POST /api/documents/d%201/reindex": () => json(queued, 202) });
    const client = createApiClient({ getToken: () => "s3cret" });
    expect(await client.reindexDocument("d 1")).toEqual(queued);
    expect([calls[0]!.method, calls[0]!.url, calls[0]!.headers.get("Authorization")]).toEqual([
      "POST",
      "/api/documents/d%201/reindex",
      "Bearer s3cret",
    ]);

    mockFetch({ "POST /api/documents/d1/reindex": () => json({ error: "já está indexando", code: "conflict:indexing" }, 409) });
    const error = await failure(client.reindexDocument("d1"));
    expect([error.status, error.code, error.message]).toEqual([409, "conflict:indexing", "já está indexando"]);
  });

  it("throws ApiError with the backend's code and message", async () => {
    mockFetch({ "POST /api/collections": () => json({ error: "já existe", code: "conflict:collection" }, 409) });
    const error = await failure(createApiClient().createCollection("Biologia"));
    expect([error.status, error.code, error.message]).toEqual([409, "conflict:collection", "já existe"]);
  });

  it("derives the code from the status when the body is not JSON", async () => {
    mockFetch({ "GET /api/health": () => new Response("<html>Bad gateway</html>", { status: 502 }) });
    expect((await failure(createApiClient().health())).code).toBe("server_error");
  });

  it("marks 401 and 403 as needing the teacher credential", async () => {
    mockFetch({ "DELETE /api/collections/x": () => json({ error: "no", code: "unauthorized" }, 401) });
    expect((await failure(createApiClient().deleteCollection("x"))).needsTeacher).toBe(true);
  });

  it("turns a network failure into code network", async () => {
    global.fetch = jest.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    const error = await failure(createApiClient().listConversations());
    expect([error.status, error.code]).toEqual([0, "network"]);
  });

  it("builds file URLs that open a PDF at a page", () => {
    expect(createApiClient().documentFileUrl("d1", 3)).toBe("/api/documents/d1/file#page=3");
    expect(createApiClient().documentFileUrl("d1")).toBe("/api/documents/d1/file");
  });

  it("sends feedback without an empty comment", async () => {
    const { calls } = mockFetch({ "POST /api/feedback": () => json({}, 201) });
    await createApiClient().sendFeedback("m1", "down");
    expect(calls[0]!.body).toEqual({ message_id: "m1", rating: "down" });
  });
});

describe("api client: the first call gets the client id alone", () => {
  it("holds parallel calls until the first response (its Set-Cookie) has arrived", async () => {
    let answerFirst: () => void = () => undefined;
    const { calls } = mockFetch({
      "GET /api/collections": () =>
        new Promise<Response>((resolve) => {
          answerFirst = () => resolve(json({ collections: [] }));
        }),
      "GET /api/conversations": () => json({ conversations: [] }),
    });
    const client = createApiClient();
    const first = client.listCollections();
    const second = client.listConversations();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((call) => call.url)).toEqual(["/api/collections"]);
    answerFirst();
    await expect(first).resolves.toEqual([]);
    await expect(second).resolves.toEqual([]);
    expect(calls.map((call) => call.url)).toEqual(["/api/collections", "/api/conversations"]);
    // Once identified, calls leave together again.
    await Promise.all([client.listConversations(), client.listConversations()]);
    expect(calls).toHaveLength(4);
  });

  it("lets the next call go alone again when the first got no response", async () => {
    const { calls, fetchMock } = mockFetch({ "GET /api/conversations": () => json({ conversations: [] }) });
    fetchMock.mockImplementationOnce(async () => {
      throw new TypeError("Failed to fetch");
    });
    const client = createApiClient();
    expect((await failure(client.listCollections())).code).toBe("network");
    let answered = false;
    const next = client.listConversations().then((value) => {
      answered = true;
      return value;
    });
    const after = client.listConversations();
    await next;
    expect(answered).toBe(true);
    await after;
    expect(calls.map((call) => call.url)).toEqual(["/api/conversations", "/api/conversations"]);
  });
});

describe("api client: chat stream", () => {
  it("asks for SSE and yields the fixture's tokens then done", async () => {
    const { calls } = mockFetch({ "POST /api/chat": () => sse([sseFixture("chat-stream")]) });
    const events = await collect(createApiClient().streamChat({ message: "Onde?", collection: "bio" }));
    expect(calls[0]!.headers.get("Accept")).toBe("text/event-stream");
    expect(calls[0]!.body).toEqual({ message: "Onde?", collection: "bio" });
    expect(events.map((e) => e.type)).toEqual(["token", "token", "done"]);
  });

  it("yields a stream error event as the last event", async () => {
    mockFetch({ "POST /api/chat": () => sse([sseFixture("chat-error")]) });
    const events = await collect(createApiClient().streamChat({ message: "x" }));
    expect(events[events.length - 1]).toMatchObject({ type: "error", code: "upstream:llm_timeout" });
  });

  it("reports a stream that ends without done as bad_stream", async () => {
    mockFetch({ "POST /api/chat": () => sse(['event: token\ndata: {"text":"meio"}\n\n']) });
    const events = await collect(createApiClient().streamChat({ message: "x" }));
    expect(events[events.length - 1]).toMatchObject({ type: "error", code: "bad_stream" });
  });

  it("accepts a plain JSON answer as one done event", async () => {
    const answer = { answer: "Não sei.", citations: [], conversation_id: "c", message_id: "m", mode: "refused" };
    mockFetch({ "POST /api/chat": () => json(answer) });
    expect(await collect(createApiClient().streamChat({ message: "x" }))).toEqual([{ type: "done", answer }]);
  });

  it("throws the backend's error before the stream starts (rate limit)", async () => {
    mockFetch({ "POST /api/chat": () => json({ error: "slow down", code: "rate_limited" }, 429) });
    expect((await failure(collect(createApiClient().streamChat({ message: "x" })))).code).toBe("rate_limited");
  });

  it("throws code aborted when the caller aborts mid-stream", async () => {
    const abort = new AbortController();
    mockFetch({
      "POST /api/chat": ({ signal }) =>
        sse(['event: token\ndata: {"text":"a"}\n\n', "event: done\ndata: {}\n\n"], { signal, gate: new Promise(() => undefined) }),
    });
    const stream = createApiClient().streamChat({ message: "x" }, abort.signal);
    expect((await stream.next()).value).toEqual({ type: "token", text: "a" });
    abort.abort();
    expect((await failure(stream.next())).code).toBe("aborted");
  });
});

describe("api client: upload", () => {
  beforeEach(() => FakeXhr.install());

  it("posts multipart file + collection, reports progress and resolves with the document", async () => {
    const progress: number[] = [];
    const client = createApiClient({ getToken: () => "tok" });
    const file = new File(["%PDF-1.4"], "aula.pdf", { type: "application/pdf" });
    const done = client.uploadDocument(file, { collection: "bio", onProgress: (p) => progress.push(p) });
    const xhr = FakeXhr.instances[0]!;
    expect([xhr.method, xhr.url, xhr.headers.authorization]).toEqual(["POST", "/api/documents", "Bearer tok"]);
    expect((xhr.body!.get("file") as File).name).toBe("aula.pdf");
    expect(xhr.body!.get("collection")).toBe("bio");
    xhr.progress(50, 100);
    xhr.respond(202, { id: "d1", title: "aula", status: "queued" });
    await expect(done).resolves.toMatchObject({ id: "d1", status: "queued" });
    expect(progress).toEqual([0.5, 1]);
  });

  it("rejects with the backend's 413 code", async () => {
    const done = createApiClient().uploadDocument(new File(["x"], "big.pdf"));
    FakeXhr.instances[0]!.respond(413, { error: "File too large", code: "too_large" });
    expect((await failure(done)).code).toBe("too_large");
  });

  it("rejects with network when the connection drops, and with a status code on non-JSON errors", async () => {
    const dropped = createApiClient().uploadDocument(new File(["x"], "a.txt"));
    FakeXhr.instances[0]!.fail();
    expect((await failure(dropped)).code).toBe("network");
    const html = createApiClient().uploadDocument(new File(["x"], "a.txt"));
    FakeXhr.instances[1]!.respond(413, "<html>nginx</html>");
    expect((await failure(html)).code).toBe("too_large");
  });
});
