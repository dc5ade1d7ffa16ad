import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ChatPage } from "@/components/chat/chat-page";
import { json, mockFetch, sse, type Handler } from "../helpers/fake-backend";
import { sseFixture } from "../helpers/fixtures";
import { courseRoutes, renderApp, resetStorage } from "../helpers/render";

const citation = { document_id: "doc-1", title: "Fotossíntese", page: 2, snippet: "Nas plantas…", chunk_id: "chunk-7" };

const SLIDE_TEXT = "Cap. 1\n\nNas plantas, a fotossíntese ocorre nos cloroplastos.";
const slideSource = {
  chunk_id: "chunk-7",
  document_id: "doc-1",
  title: "Fotossíntese",
  filename: "foto.pptx",
  content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  kind: "slides",
  page: 2,
  page_count: 9,
  heading_path: ["Cap. 1"],
  text: SLIDE_TEXT,
  headings: [{ start: 0, end: 6, level: 1 }],
  passage: { start: 8, end: SLIDE_TEXT.length },
  passage_text: "Nas plantas, a fotossíntese ocorre nos cloroplastos.",
  stored: true,
  file_url: "/api/documents/doc-1/file",
};

function answerStream(answer: { answer: string } & Record<string, unknown>): Handler {
  const done = { citations: [], conversation_id: "conv-1", message_id: "msg-9", mode: "llm", ...answer };
  return () => sse([`event: token\ndata: ${JSON.stringify({ text: String(done.answer) })}\n\n`, `event: done\ndata: ${JSON.stringify(done)}\n\n`]);
}

function routes(extra: Record<string, Handler> = {}) {
  return mockFetch({
    ...courseRoutes(),
    "GET /api/conversations": () => json({ conversations: [] }),
    "POST /api/chat": () => sse(sseFixture("chat-stream").split(/(?<=\n\n)/)),
    "GET /api/chunks/chunk-7/source": () => json(slideSource),
    "POST /api/feedback": () => json({}, 201),
    ...extra,
  });
}

async function ask(question: string) {
  const user = userEvent.setup();
  await user.type(screen.getByTestId("chat-input"), question);
  await user.click(screen.getByTestId("chat-send"));
  return user;
}

beforeEach(resetStorage);

describe("chat", () => {
  it("streams an answer with markdown, citation chips and [n] marker links; a chip opens the source panel", async () => {
    routes();
    renderApp(<ChatPage />);
    const user = await ask("Onde ocorre a fotossíntese?");
    const answer = await screen.findByTestId("answer");
    await waitFor(() => expect(answer).toHaveAttribute("data-state", "done"));
    expect(within(answer).getByText("cloroplastos").tagName).toBe("STRONG");
    const chip = within(answer).getByTestId("citation");
    expect(chip).toHaveTextContent("Fotossíntese");
    expect(chip).toHaveTextContent("p. 2");
    const marker = within(answer).getByTestId("citation-marker");
    expect(marker).toHaveAttribute("href", `#${chip.id}`);
    expect(screen.getByTestId("chat-input")).toHaveValue("");

    await user.click(chip);
    const panel = await screen.findByTestId("source-panel");
    expect(await within(panel).findByTestId("source-highlight")).toHaveTextContent("Nas plantas, a fotossíntese ocorre nos cloroplastos.");
    expect(within(panel).getByTestId("source-page")).toHaveTextContent("Slide 2 de 9");
    expect(within(panel).getByTestId("source-download")).toHaveAttribute("href", "/api/documents/doc-1/file");
    expect(answer).toBeVisible(); // beside the answer, not over it
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("source-panel")).not.toBeInTheDocument();
    expect(chip).toHaveFocus();

    await user.click(marker);
    expect(await screen.findByTestId("source-panel")).toBeInTheDocument();
  });

  it("shows a refused answer as such, not as an error", async () => {
    routes({ "POST /api/chat": answerStream({ answer: "O material não fala sobre isso.", mode: "refused" }) });
    renderApp(<ChatPage />);
    await ask("Quem ganhou a Copa de 1970?");
    const answer = await screen.findByTestId("answer");
    await waitFor(() => expect(answer).toHaveAttribute("data-mode", "refused"));
    expect(within(answer).getByTestId("answer-refused")).toHaveTextContent("O material não cobre esta pergunta");
    expect(answer).toHaveClass("answer-refused");
    expect(within(answer).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("labels extractive answers", async () => {
    routes({ "POST /api/chat": answerStream({ answer: "Trecho [1]", mode: "extractive", citations: [citation] }) });
    renderApp(<ChatPage />);
    await ask("O que diz o texto?");
    expect(await screen.findByTestId("answer-extractive")).toHaveTextContent("extraído do material");
  });

  it("never puts raw HTML from the answer into the DOM", async () => {
    routes({ "POST /api/chat": answerStream({ answer: 'Olá <img src=x onerror="alert(1)"><script>alert(2)</script> [link](javascript:alert(3)) ![foto](http://x/y.png)' }) });
    const { container } = renderApp(<ChatPage />);
    await ask("xss?");
    const answer = await screen.findByTestId("answer");
    await waitFor(() => expect(answer).toHaveAttribute("data-state", "done"));
    expect(container.querySelector("script, img, [onerror]")).toBeNull();
    expect(answer).toHaveTextContent("<script>alert(2)</script>");
    const link = within(answer).getByText("link");
    expect(link.getAttribute("href") ?? "").not.toMatch(/javascript/i);
  });

  it("marks an answer the backend calls ungrounded; an answer without the field is not marked", async () => {
    routes({ "POST /api/chat": answerStream({ answer: "A fotossíntese usa luz.", mode: "llm", grounded: false }) });
    renderApp(<ChatPage />);
    await ask("Como funciona?");
    const answer = await screen.findByTestId("answer");
    await waitFor(() => expect(answer).toHaveAttribute("data-state", "done"));
    expect(within(answer).getByTestId("answer-ungrounded")).toHaveTextContent("Resposta não fundamentada no material");

    routes();
    await ask("Onde ocorre a fotossíntese?");
    const second = (await screen.findAllByTestId("answer"))[1]!;
    await waitFor(() => expect(second).toHaveAttribute("data-state", "done"));
    expect(within(second).queryByTestId("answer-ungrounded")).not.toBeInTheDocument();
  });

  it("opens only links to this site or to a cited document; others are plain text", async () => {
    const text =
      "Veja [o site](https://golpe.example/login), [a biblioteca](/library), [o arquivo](/api/documents/doc-1/file#page=2), " +
      "[outro arquivo](/api/documents/doc-2/file), <https://rastreio.example/x>, [protocolo](//golpe.example/y) e [ref] [1].\n\n[ref]: https://golpe.example/ref";
    routes({ "POST /api/chat": answerStream({ answer: text, citations: [citation] }) });
    renderApp(<ChatPage />);
    await ask("Links?");
    const answer = await screen.findByTestId("answer");
    await waitFor(() => expect(answer).toHaveAttribute("data-state", "done"));
    const hrefs = within(answer).getAllByTestId("answer-link").map((a) => [a.textContent, a.getAttribute("href")]);
    expect(hrefs).toEqual([
      ["a biblioteca", "http://localhost/library"],
      ["o arquivo", "http://localhost/api/documents/doc-1/file#page=2"],
      ["outro arquivo", "http://localhost/api/documents/doc-2/file"],
    ]);
    const blocked = within(answer).getAllByTestId("answer-link-blocked");
    expect(blocked.map((b) => b.textContent)).toEqual(["o site", "https://rastreio.example/x", "protocolo", "ref"]);
    for (const b of blocked) expect(b.closest("a")).toBeNull();
    expect(answer.innerHTML).not.toContain("golpe.example");
    expect(within(answer).getByTestId("citation-marker")).toHaveAttribute("href", expect.stringMatching(/^#citation-/));
  });

  it("shows an error sent right after the stream's opening comment in the student's language", async () => {
    routes({ "POST /api/chat": () => sse(sseFixture("chat-error-first").split(/(?<=\n\n)/)) });
    renderApp(<ChatPage />);
    await ask("x");
    expect(await screen.findByRole("alert")).toHaveTextContent("Esta conversa não existe mais.");
  });

  it("shows a stream error in the student's language with a retry", async () => {
    routes({ "POST /api/chat": () => sse([sseFixture("chat-error")]) });
    renderApp(<ChatPage />);
    await ask("x");
    expect(await screen.findByRole("alert")).toHaveTextContent("demorou demais");
    expect(screen.getByTestId("chat-retry")).toBeEnabled();
  });

  it("stops generating", async () => {
    routes({
      "POST /api/chat": ({ signal }) =>
        sse(['event: token\ndata: {"text":"Começo"}\n\n', "event: done\ndata: {}\n\n"], { signal, gate: new Promise(() => undefined) }),
    });
    renderApp(<ChatPage />);
    const user = await ask("x");
    await user.click(await screen.findByTestId("chat-stop"));
    const answer = screen.getByTestId("answer");
    await waitFor(() => expect(answer).toHaveAttribute("data-state", "stopped"));
    expect(answer).toHaveTextContent("Começo");
    expect(screen.queryByTestId("chat-stop")).not.toBeInTheDocument();
  });

  it("sends thumbs up, and thumbs down with a comment", async () => {
    const { calls } = routes();
    renderApp(<ChatPage />);
    const user = await ask("Onde?");
    await user.click(await screen.findByTestId("feedback-up"));
    await waitFor(() => expect(calls.some((c) => c.url === "/api/feedback")).toBe(true));
    expect(calls.find((c) => c.url === "/api/feedback")?.body).toEqual({ message_id: "msg-1", rating: "up" });
    expect(screen.getByTestId("feedback-up")).toHaveAttribute("aria-pressed", "true");

    await user.click(screen.getByTestId("feedback-down"));
    await user.type(screen.getByTestId("feedback-comment"), "faltou a fase escura");
    await user.click(screen.getByTestId("feedback-comment-send"));
    await waitFor(() => expect(calls.filter((c) => c.url === "/api/feedback")).toHaveLength(2));
    expect(calls.filter((c) => c.url === "/api/feedback")[1]?.body).toEqual({ message_id: "msg-1", rating: "down", comment: "faltou a fase escura" });
  });

  it("copies an answer", async () => {
    routes();
    renderApp(<ChatPage />);
    const user = await ask("Onde?");
    const writeText = jest.spyOn(navigator.clipboard, "writeText");
    await user.click(await screen.findByTestId("answer-copy"));
    expect(writeText).toHaveBeenCalledWith("A fotossíntese ocorre nos **cloroplastos** [1].");
    expect(await screen.findByText("Copiado!")).toBeInTheDocument();
  });

  it("lists past conversations, opens one, and starts a new one", async () => {
    routes({
      "GET /api/conversations": () =>
        json({ conversations: [{ id: "c1", title: "Cloroplastos", created_at: "2026-01-01T10:00:00Z", updated_at: "2026-01-01T10:00:00Z" }] }),
      "GET /api/conversations/c1": () =>
        json({ id: "c1", title: "Cloroplastos", messages: [
          { id: "u", role: "user", content: "Pergunta antiga", citations: [], mode: null, created_at: "" },
          { id: "a", role: "assistant", content: "Resposta antiga [1]", citations: [citation], mode: "llm", created_at: "" },
        ] }),
    });
    renderApp(<ChatPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByText("Cloroplastos"));
    expect(await screen.findByText("Pergunta antiga")).toBeInTheDocument();
    expect(screen.getByTestId("citation")).toHaveTextContent("p. 2");
    await user.click(screen.getByTestId("new-conversation"));
    expect(screen.queryByText("Pergunta antiga")).not.toBeInTheDocument();
    expect(screen.getByTestId("chat-empty")).toHaveTextContent("Geral");
  });

  it("sends with Enter but not with Shift+Enter, and never an empty question", async () => {
    const { calls } = routes();
    renderApp(<ChatPage />);
    const user = userEvent.setup();
    const input = screen.getByTestId("chat-input");
    expect(screen.getByTestId("chat-send")).toBeDisabled();
    await user.type(input, "linha 1{Shift>}{Enter}{/Shift}linha 2");
    expect(calls.some((c) => c.url === "/api/chat")).toBe(false);
    await user.type(input, "{Enter}");
    await waitFor(() => expect(calls.find((c) => c.url === "/api/chat")?.body).toMatchObject({ message: "linha 1\nlinha 2", collection: "default" }));
  });
});
