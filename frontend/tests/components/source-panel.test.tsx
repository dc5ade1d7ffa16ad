import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ChatPage } from "@/components/chat/chat-page";
import { LOCALE_STORAGE_KEY } from "@/lib/i18n";
import type { Citation, SourcePage } from "@/lib/types";
import { json, mockFetch, sse, type Handler } from "../helpers/fake-backend";
import { courseRoutes, renderApp, resetStorage } from "../helpers/render";

const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const MD_TEXT = "Fotossíntese\n\nA luz vira energia.\n\nFases\n\nA fase escura fixa o carbono no estroma.";

function source(over: Partial<SourcePage>): SourcePage {
  return {
    chunk_id: "c",
    document_id: "d",
    title: "T",
    filename: "t.txt",
    content_type: "text/plain",
    kind: "text",
    page: null,
    page_count: null,
    heading_path: [],
    text: "",
    headings: [],
    passage: null,
    passage_text: "",
    stored: true,
    file_url: "/api/documents/d/file",
    ...over,
  };
}

const SOURCES: Record<string, SourcePage> = {
  "c-slide": source({
    chunk_id: "c-slide",
    document_id: "d-slides",
    title: "Aula 3",
    filename: "aula3.pptx",
    content_type: PPTX,
    kind: "slides",
    page: 4,
    page_count: 12,
    text: "Mitocôndria\n\nA mitocôndria produz ATP.",
    headings: [{ start: 0, end: 11, level: 1 }],
    passage: { start: 13, end: 38 },
    passage_text: "A mitocôndria produz ATP.",
    file_url: "/api/documents/d-slides/file",
  }),
  "c-md": source({
    chunk_id: "c-md",
    document_id: "d-md",
    title: "Biologia",
    filename: "bio.md",
    content_type: "text/markdown",
    heading_path: ["Fotossíntese", "Fases"],
    text: MD_TEXT,
    headings: [
      { start: 0, end: 12, level: 1 },
      { start: 35, end: 40, level: 2 },
    ],
    passage: { start: 42, end: MD_TEXT.length },
    passage_text: "A fase escura fixa o carbono no estroma.",
  }),
  "c-old": source({
    chunk_id: "c-old",
    document_id: "d-old",
    title: "Antigo",
    text: "Um texto que não contém o trecho.",
    passage_text: "O trecho que sumiu.",
    stored: false,
  }),
};

const citations: Citation[] = Object.values(SOURCES).map((s) => ({
  document_id: s.document_id,
  title: s.title,
  page: s.page,
  snippet: s.passage_text,
  chunk_id: s.chunk_id,
}));

function routes(list: Citation[], extra: Record<string, Handler> = {}) {
  const done = { answer: "Resposta [1] [2] [3].", citations: list, conversation_id: "conv-1", message_id: "m-1", mode: "extractive" };
  const bySource = Object.fromEntries(Object.values(SOURCES).map((s) => [`GET /api/chunks/${s.chunk_id}/source`, () => json(s)]));
  return mockFetch({
    ...courseRoutes(),
    "GET /api/conversations": () => json({ conversations: [] }),
    "POST /api/chat": () => sse([`event: token\ndata: ${JSON.stringify({ text: done.answer })}\n\n`, `event: done\ndata: ${JSON.stringify(done)}\n\n`]),
    ...bySource,
    ...extra,
  });
}

async function askAndOpen(index = 0) {
  const user = userEvent.setup();
  await user.type(screen.getByTestId("chat-input"), "Pergunta?");
  await user.click(screen.getByTestId("chat-send"));
  const answer = await screen.findByTestId("answer");
  await waitFor(() => expect(answer).toHaveAttribute("data-state", "done"));
  await user.click(within(answer).getAllByTestId("citation")[index]!);
  return { user, panel: await screen.findByTestId("source-panel"), answer };
}

beforeEach(resetStorage);

describe("source panel", () => {
  it("moves between the answer's citations with its buttons and the arrow keys; Esc closes", async () => {
    routes(citations);
    renderApp(<ChatPage />);
    const { user, panel, answer } = await askAndOpen();
    expect(within(panel).getByTestId("source-title")).toHaveFocus();
    expect(await within(panel).findByTestId("source-highlight")).toHaveTextContent("A mitocôndria produz ATP.");
    expect(within(panel).getByTestId("source-page")).toHaveTextContent("Slide 4 de 12");
    expect(within(panel).getByTestId("source-counter")).toHaveTextContent("Citação 1 de 3");
    expect(within(panel).getByTestId("source-prev")).toBeDisabled();
    expect(within(panel).getByTestId("source-download")).toHaveAttribute("download", "aula3.pptx");

    await user.click(within(panel).getByTestId("source-next"));
    expect(await within(panel).findByText("Fases")).toBeInTheDocument();
    expect(within(panel).getByRole("heading", { name: "Fases", level: 4 })).toBeInTheDocument();
    expect(within(panel).getByRole("heading", { name: "Fotossíntese", level: 3 })).toBeInTheDocument();
    expect(within(panel).getByTestId("source-highlight")).toHaveTextContent("A fase escura fixa o carbono no estroma.");
    expect(within(panel).queryByTestId("source-page")).not.toBeInTheDocument();
    expect(within(panel).getByText(/Seção: Fotossíntese › Fases/)).toBeInTheDocument();

    await user.keyboard("{ArrowRight}");
    expect(await within(panel).findByTestId("source-not-found")).toHaveTextContent("O trecho que sumiu.");
    expect(within(panel).getByTestId("source-rebuilt")).toHaveTextContent("reindexe");
    expect(within(panel).getByTestId("source-counter")).toHaveTextContent("Citação 3 de 3");
    expect(within(panel).getByTestId("source-next")).toBeDisabled();
    await user.keyboard("{ArrowRight}"); // nothing past the last
    expect(within(panel).getByTestId("source-counter")).toHaveTextContent("Citação 3 de 3");

    await user.keyboard("{ArrowLeft}");
    await waitFor(() => expect(within(panel).getByTestId("source-counter")).toHaveTextContent("Citação 2 de 3"));

    // Typing in the question box moves its cursor, not the panel.
    await user.click(screen.getByTestId("chat-input"));
    await user.keyboard("{ArrowLeft}");
    expect(within(panel).getByTestId("source-counter")).toHaveTextContent("Citação 2 de 3");

    await user.click(within(panel).getByTestId("source-title"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("source-panel")).not.toBeInTheDocument();
    expect(answer).toBeVisible();
  });

  it("speaks English and says when a passage is gone", async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, "en");
    routes(citations, { "GET /api/chunks/c-slide/source": () => json({ error: "gone", code: "not_found:chunk" }, 404) });
    renderApp(<ChatPage />);
    const { user, panel } = await askAndOpen();
    expect(await within(panel).findByRole("alert")).toHaveTextContent("This passage is no longer available");
    await user.click(within(panel).getByTestId("source-next"));
    expect(await within(panel).findByTestId("source-counter")).toHaveTextContent("Citation 2 of 3");
    expect(await within(panel).findByTestId("source-download")).toHaveTextContent("Download the original");
    expect(within(panel).getByRole("button", { name: "Close the source" })).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Previous citation" })).toBeEnabled();
  });

  it("a PDF citation shows its page and, where the viewer cannot run, the passage itself", async () => {
    const pdf = source({
      chunk_id: "c-pdf",
      document_id: "d-pdf",
      title: "Estados",
      filename: "estados.pdf",
      content_type: "application/pdf",
      kind: "pdf",
      page: 3,
      page_count: 4,
      text: "A capital do Tocantins é Palmas.",
      passage: { start: 0, end: 32 },
      passage_text: "A capital do Tocantins é Palmas.",
      file_url: "/api/documents/d-pdf/file",
    });
    const cite = { document_id: "d-pdf", title: "Estados", page: 3, snippet: pdf.passage_text, chunk_id: "c-pdf" };
    routes([cite], { "GET /api/chunks/c-pdf/source": () => json(pdf) });
    renderApp(<ChatPage />);
    const { panel } = await askAndOpen();
    expect(await within(panel).findByTestId("source-page")).toHaveTextContent("Página 3 de 4");
    // jsdom has no canvas nor module workers: the viewer gives up and quotes the passage.
    expect(await within(panel).findByTestId("source-not-found", {}, { timeout: 10_000 })).toHaveTextContent("A capital do Tocantins é Palmas.");
  });
});
