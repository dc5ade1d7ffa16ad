import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LanguageSwitch } from "@/components/language-switch";
import { StudyView } from "@/components/study/study-view";
import { json, mockFetch, type Handler } from "../../helpers/fake-backend";
import { renderApp, resetStorage } from "../../helpers/render";
import { card, source } from "../../helpers/study-fixtures";

const course = { id: "default", name: "Geral", documents: 1, tutor_mode: "direto", tutor_mode_now: "direto", prova_starts_at: null, prova_ends_at: null };
const flash = card({ id: "f1" });
const quiz = card({ id: "q1", kind: "cloze", question: "A ____ absorve a luz vermelha.", answer: null });

function student(extra: Record<string, Handler> = {}, listed: Record<string, unknown> = course) {
  return mockFetch({
    "GET /api/collections": () => json({ collections: [listed] }),
    "GET /api/collections/default/study/due": () => json({ due_today: 5, cards: [flash, quiz] }),
    "POST /api/study/items/f1/review": () => json({ item_id: "f1", due: "2026-01-02T10:00:00Z", phase: "learning" }),
    "POST /api/study/items/q1/answer": () => json({ correct: true, answer: "clorofila", source, card: { item_id: "q1", due: "2026-01-02T10:00:00Z", phase: "learning" } }),
    ...extra,
  });
}

function renderStudy() {
  renderApp(
    <>
      <LanguageSwitch />
      <StudyView />
    </>,
  );
  return userEvent.setup();
}

beforeEach(resetStorage);

describe("the student's study page", () => {
  it("says how many cards are due today, flips a card with space and grades it with a key", async () => {
    const { calls } = student();
    renderStudy();
    expect(await screen.findByTestId("study-due-today")).toHaveTextContent("5 cartões para hoje");
    expect(screen.getByTestId("study-mode-cards")).toHaveTextContent("Cartões (1)");
    expect(screen.getByTestId("study-mode-quiz")).toHaveTextContent("Quiz (1)");
    fireEvent.keyDown(document.body, { key: " " });
    expect(await screen.findByTestId("flashcard-back")).toHaveTextContent("O pigmento verde das plantas.");
    fireEvent.keyDown(document.body, { key: "3" });
    await waitFor(() => expect(screen.getByTestId("study-due-today")).toHaveTextContent("4 cartões para hoje"));
    expect(calls.find((c) => c.url === "/api/study/items/f1/review")?.body).toEqual({ grade: 3 });
    expect(screen.getByText("Nota registrada: Bom.")).toBeInTheDocument();
    expect(screen.queryByTestId("flashcard")).not.toBeInTheDocument();
    expect(screen.getByTestId("study-empty")).toHaveTextContent("Nenhum item deste tipo para agora.");
  });

  it("answers a quiz item, shows the verdict with the passage, opens its page in the source panel, then moves on", async () => {
    const { calls } = student({
      "GET /api/chunks/c7/source": () =>
        json({ chunk_id: "c7", document_id: "d1", title: "Fotossíntese", filename: "f.md", kind: "text", page: 2, page_count: 3, text: source.passage, start: 0, end: source.passage.length, heading_path: [], headings: [], spans: [], stored: true, file_url: "/api/documents/d1/file" }),
    });
    const user = renderStudy();
    await user.click(await screen.findByTestId("study-mode-quiz"));
    await user.type(screen.getByLabelText("Sua resposta"), "clorofila");
    await user.click(screen.getByTestId("quiz-submit"));
    const feedback = await screen.findByTestId("quiz-feedback");
    expect(feedback).toHaveTextContent("Correto!");
    expect(within(feedback).getByTestId("quiz-passage")).toHaveTextContent(source.passage);
    expect(calls.find((c) => c.url === "/api/study/items/q1/answer")?.body).toEqual({ answer: "clorofila" });

    await user.click(within(feedback).getByRole("button", { name: "Abrir a página: Fotossíntese, p. 2" }));
    const panel = await screen.findByTestId("source-panel");
    expect(within(panel).getByTestId("source-title")).toHaveTextContent("Fotossíntese");
    await waitFor(() => expect(within(panel).getByTestId("source-page")).toHaveTextContent("Página 2 de 3"));
    await user.click(within(panel).getByTestId("source-close"));

    await user.click(screen.getByTestId("quiz-next"));
    expect(screen.queryByTestId("quiz-card")).not.toBeInTheDocument();
    expect(screen.getByTestId("study-due-today")).toHaveTextContent("4 cartões para hoje");
  });

  it("hides the tools while the course is in prova, with a message, and asks for no cards", async () => {
    const { calls } = student({}, { ...course, tutor_mode: "tutor", tutor_mode_now: "prova" });
    renderStudy();
    expect(await screen.findByTestId("study-in-exam")).toHaveTextContent("O curso “Geral” está em modo prova");
    expect(screen.queryByTestId("study-mode-cards")).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.includes("/study/due"))).toBe(false);
  });

  it("hides the tools when the backend says the course is in prova (409)", async () => {
    student({ "GET /api/collections/default/study/due": () => json({ error: "Em prova.", code: "conflict:study_in_exam" }, 409) });
    const user = renderStudy();
    expect(await screen.findByTestId("study-in-exam")).toHaveTextContent("Estudos pausados durante a prova");
    expect(screen.queryByTestId("flashcard")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("language-switch"));
    expect(screen.getByTestId("study-in-exam")).toHaveTextContent("Studying is paused during the exam");
  });

  it("deletes the study history only after confirmation", async () => {
    const { calls } = student({ "DELETE /api/study/history": () => json(null, 204) });
    const user = renderStudy();
    await screen.findByTestId("study-due-today");
    await user.click(screen.getByTestId("study-forget"));
    expect(screen.getByTestId("confirm-dialog")).toHaveTextContent("Apagar todas as suas notas e respostas?");
    await user.click(screen.getByTestId("confirm-cancel"));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    await user.click(screen.getByTestId("study-forget"));
    await user.click(screen.getByTestId("confirm-accept"));
    expect(await screen.findByText("Seu histórico de estudo foi apagado.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual(["/api/study/history"]);
    expect(calls.filter((c) => c.url.includes("/study/due"))).toHaveLength(2);
  });
});
