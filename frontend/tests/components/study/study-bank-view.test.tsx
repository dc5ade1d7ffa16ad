import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LanguageSwitch } from "@/components/language-switch";
import { StudyBankView } from "@/components/study/study-bank-view";
import type { StudyItem } from "@/lib/types";
import { json, mockFetch, type Handler } from "../../helpers/fake-backend";
import { courseRoutes, renderApp, resetStorage } from "../../helpers/render";
import { item, job, source } from "../../helpers/study-fixtures";

const document = { id: "d1", title: "Fotossíntese", filename: "fotossintese.pdf", collection: "default", status: "ready", error: null, pages: 3, chunks: 4, content_type: "application/pdf", size_bytes: 2048, created_at: "2026-01-01T10:00:00Z" };

/** A bank whose items the routes change as the backend would. */
function bank(initial: StudyItem[], extra: Record<string, Handler> = {}) {
  let items = initial;
  const setStatus = (ids: string[], status: StudyItem["status"]) => {
    items = items.map((i) => (ids.includes(i.id) ? { ...i, status } : i));
  };
  const routes: Record<string, Handler> = {
    ...courseRoutes(),
    "GET /api/documents": () => json({ documents: [document] }),
    "GET /api/collections/default/study/items": () => json({ items }),
    "GET /api/collections/default/study/stats": () => json({ items: [], missed_pages: [] }),
    "POST /api/collections/default/study/approve": ({ body }) => {
      const ids = (body as { ids: string[] }).ids;
      setStatus(ids, "approved");
      return json({ approved: ids.length });
    },
    ...extra,
  };
  for (const one of initial) {
    routes[`PATCH /api/study/items/${one.id}`] = ({ body }) => {
      const edit = body as Partial<StudyItem>;
      items = items.map((i) => (i.id === one.id ? { ...i, ...edit } : i));
      return json(items.find((i) => i.id === one.id));
    };
  }
  return { ...mockFetch(routes), items: () => items, set: (next: StudyItem[]) => (items = next) };
}

const three = [
  item({ id: "a", question: "Que pigmento absorve a luz?" }),
  item({ id: "b", kind: "multiple_choice", question: "Onde ocorre a fotossíntese?", answer: "cloroplasto", options: ["mitocôndria", "cloroplasto", "núcleo", "ribossomo"], distractors: ["mitocôndria", "núcleo", "ribossomo"] }),
  item({ id: "c", kind: "flashcard", question: "O que é a clorofila?", answer: "O pigmento verde.", status: "approved" }),
];

function renderBank() {
  renderApp(
    <>
      <LanguageSwitch />
      <StudyBankView />
    </>,
  );
  return userEvent.setup();
}

const row = (id: string) => screen.getAllByTestId("study-item").find((el) => el.dataset.id === id)!;

beforeEach(resetStorage);

describe("the teacher's question bank", () => {
  it("lists each item with its kind, status, answer, options and a source link to its page", async () => {
    bank(three);
    renderBank();
    await waitFor(() => expect(screen.getAllByTestId("study-item")).toHaveLength(3));
    const choice = within(row("b"));
    expect(choice.getByTestId("study-item-kind")).toHaveTextContent("Múltipla escolha");
    expect(choice.getByTestId("study-item-status")).toHaveTextContent("rascunho");
    expect(choice.getByTestId("study-item-options")).toHaveTextContent("cloroplasto (correta)");
    expect(choice.getByRole("button", { name: "Abrir a página: Fotossíntese, p. 2" })).toHaveAttribute("data-page", "2");
    const card = within(row("c"));
    expect(card.getByText("Frente")).toBeInTheDocument();
    expect(card.getByTestId("study-item-status")).toHaveTextContent("aprovada");
    expect(card.queryByTestId("study-item-select")).not.toBeInTheDocument();
    expect(screen.getByTestId("study-filter-draft")).toHaveTextContent("Rascunhos (2)");
  });

  it("approves one item, rejects another (a PATCH with the status only)", async () => {
    const { calls } = bank(three);
    const user = renderBank();
    await waitFor(() => expect(screen.getAllByTestId("study-item")).toHaveLength(3));
    await user.click(within(row("a")).getByTestId("study-item-approve"));
    await waitFor(() => expect(row("a")).toHaveAttribute("data-status", "approved"));
    expect(calls.find((c) => c.url.endsWith("/study/approve"))?.body).toEqual({ ids: ["a"] });
    await user.click(within(row("b")).getByTestId("study-item-reject"));
    await waitFor(() => expect(row("b")).toHaveAttribute("data-status", "rejected"));
    expect(calls.find((c) => c.method === "PATCH")).toMatchObject({ url: "/api/study/items/b", body: { status: "rejected" } });
  });

  it("edits the wording only: the source is never sent and stays on the row", async () => {
    const { calls } = bank(three);
    const user = renderBank();
    await waitFor(() => expect(screen.getAllByTestId("study-item")).toHaveLength(3));
    await user.click(within(row("b")).getByTestId("study-item-edit"));
    const editor = within(screen.getByTestId("study-item-editor"));
    expect(editor.getByText("A fonte (documento e página) continua a mesma.")).toBeInTheDocument();
    const question = editor.getByTestId("study-edit-question");
    expect(question).toHaveFocus();
    await user.clear(question);
    await user.type(question, "Em que organela ocorre a fotossíntese?");
    await user.clear(editor.getByTestId("study-edit-distractors"));
    await user.type(editor.getByTestId("study-edit-distractors"), "mitocôndria{Enter}núcleo{Enter}{Enter}vacúolo");
    await user.click(editor.getByTestId("study-edit-save"));
    await waitFor(() => expect(within(row("b")).getByTestId("study-item-question")).toHaveTextContent("Em que organela ocorre a fotossíntese?"));
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
      question: "Em que organela ocorre a fotossíntese?", distractors: ["mitocôndria", "núcleo", "vacúolo"],
    });
    expect(within(row("b")).getByTestId("study-source")).toHaveTextContent(source.title);
  });

  it("approves the selected drafts at once, and rejects the rest with one PATCH each", async () => {
    const { calls } = bank([...three, item({ id: "d", question: "Qual gás é liberado?" })]);
    const user = renderBank();
    await waitFor(() => expect(screen.getAllByTestId("study-item")).toHaveLength(4));
    expect(screen.getByTestId("study-approve-selected")).toBeDisabled();
    await user.click(within(row("a")).getByRole("checkbox", { name: "Selecionar “Que pigmento absorve a luz?”" }));
    await user.click(within(row("d")).getByTestId("study-item-select"));
    expect(screen.getByTestId("study-selected-count")).toHaveTextContent("2 selecionadas");
    await user.click(screen.getByTestId("study-approve-selected"));
    await waitFor(() => expect(row("d")).toHaveAttribute("data-status", "approved"));
    expect(calls.find((c) => c.url.endsWith("/study/approve"))?.body).toEqual({ ids: ["a", "d"] });

    await user.click(screen.getByTestId("study-select-all"));
    expect(screen.getByTestId("study-selected-count")).toHaveTextContent("1 selecionadas");
    await user.click(screen.getByTestId("study-reject-selected"));
    await waitFor(() => expect(row("b")).toHaveAttribute("data-status", "rejected"));
    expect(calls.filter((c) => c.method === "PATCH").map((c) => [c.url, c.body])).toEqual([["/api/study/items/b", { status: "rejected" }]]);
    expect(screen.queryByTestId("study-bulk")).not.toBeInTheDocument();
  });

  it("generates from a page range: shows the job's progress, then the new drafts", async () => {
    let looks = 0;
    const state = bank([], {
      "POST /api/collections/default/study/generate": () => json(job({ status: "running", progress: { done: 1, total: 3 } }), 202),
      "GET /api/study/jobs/j1": () => {
        looks += 1;
        state.set([item({ id: "n1", question: "Que gás as plantas liberam?" })]);
        return json(job({ status: "done", progress: { done: 3, total: 3 }, created: 1, generated: 2, mode: "offline" }));
      },
    });
    const user = renderBank();
    expect(await screen.findByTestId("study-bank-empty")).toHaveTextContent("Nenhuma pergunta ainda.");
    await user.click(screen.getByTestId("generate-scope-pages"));
    expect(screen.getByTestId("generate-submit")).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Documento"), "d1");
    await user.type(screen.getByLabelText("Primeira página"), "2");
    await user.type(screen.getByLabelText("Última página"), "3");
    await user.click(screen.getByTestId("generate-submit"));
    expect(await screen.findByTestId("generate-progress")).toHaveAttribute("aria-valuetext", "33%");
    expect(screen.getByTestId("generate-status")).toHaveTextContent("1 de 3 trechos lidos");
    expect(screen.getByTestId("generate-submit")).toBeDisabled();
    expect(await screen.findByTestId("generate-done", {}, { timeout: 3000 })).toHaveTextContent("1 nova pergunta em rascunho (2 geradas).");
    expect(await screen.findByText("Que gás as plantas liberam?")).toBeInTheDocument();
    expect(state.calls.find((c) => c.url.endsWith("/study/generate"))?.body).toEqual({ document_id: "d1", first_page: 2, last_page: 3 });
    expect(looks).toBe(1);
  });

  it("shows a failed job's error and a refused start, in each language", async () => {
    let refuse = false;
    bank([], {
      "POST /api/collections/default/study/generate": () =>
        refuse ? json({ error: "Ainda indexando.", code: "conflict:not_ready" }, 409) : json(job({ status: "failed", error: "not_found:document" }), 202),
    });
    const user = renderBank();
    await screen.findByTestId("study-bank-empty");
    await user.click(screen.getByTestId("generate-submit"));
    expect(await screen.findByTestId("generate-error")).toHaveTextContent("A geração falhou: Este documento não existe mais.");
    refuse = true;
    await user.click(screen.getByTestId("generate-submit"));
    await waitFor(() => expect(screen.getByTestId("generate-error")).toHaveTextContent("Este documento ainda está sendo indexado."));
    await user.click(screen.getByTestId("language-switch"));
    await waitFor(() => expect(screen.getByTestId("generate-error")).toHaveTextContent("This document is still being indexed."));
  });

  it("downloads an export under the server's file name", async () => {
    const created = jest.fn(() => "blob:export");
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const { calls } = bank(three, {
      "GET /api/collections/default/study/export": () =>
        new Response("pergunta;resposta", { headers: { "Content-Type": "text/csv", "Content-Disposition": "attachment; filename*=UTF-8''Geral%20-%20perguntas.csv" } }),
    });
    const user = renderBank();
    await user.click(await screen.findByTestId("study-export-csv"));
    expect(await screen.findByTestId("study-export-status")).toHaveTextContent("Arquivo “Geral - perguntas.csv” baixado.");
    expect(calls.find((c) => c.url.includes("/study/export"))?.url).toBe("/api/collections/default/study/export?format=csv");
    expect(created).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveBeenCalledTimes(1);
    clicked.mockRestore();
  });

  it("shows per-item answers and share correct, and the most missed pages opening the file there", async () => {
    bank(three, {
      "GET /api/collections/default/study/stats": () =>
        json({
          items: [
            { item: three[0], answers: 4, students: 3, correct: 1, share_correct: 0.25 },
            { item: three[1], answers: 0, students: 0, correct: 0, share_correct: null },
          ],
          missed_pages: [{ document_id: "d1", title: "Fotossíntese", page: 2, misses: 3, items: 1 }],
        }),
    });
    renderBank();
    const rows = await screen.findAllByTestId("study-stats-row");
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByTestId("study-stats-answers")).toHaveTextContent("4");
    expect(within(rows[0]!).getByTestId("study-stats-students")).toHaveTextContent("3");
    expect(within(rows[0]!).getByTestId("study-stats-correct")).toHaveTextContent("25%");
    const missed = within(screen.getByTestId("study-missed"));
    expect(missed.getByRole("heading")).toHaveTextContent("O que a turma mais erra");
    expect(missed.getByRole("link", { name: "Abrir Fotossíntese, p. 2" })).toHaveAttribute("href", "/api/documents/d1/file#page=2");
    expect(missed.getByText("3 erros em 1 perguntas")).toBeInTheDocument();
  });
});
