import { screen, within } from "@testing-library/react";
import { InsightsView } from "@/components/insights/insights-view";
import { json, mockFetch } from "../../helpers/fake-backend";
import { renderApp, resetStorage } from "../../helpers/render";

const course = { id: "default", name: "Geral", documents: 1, tutor_mode: "tutor", tutor_mode_now: "tutor", prova_starts_at: null, prova_ends_at: null };
const empty = { refused: [], thumbs_down: [], top_documents: [] };

function backend(insights: Record<string, unknown>) {
  mockFetch({
    "GET /api/collections": () => json({ collections: [course] }),
    "GET /api/insights": () => json({ ...empty, ...insights }),
  });
}

beforeEach(resetStorage);

describe("the tutor modes' insights", () => {
  it("show questions per mode, hints used before the answer and the questions asked in prova", async () => {
    backend({
      questions_per_mode: [{ mode: "direto", questions: 4 }, { mode: "prova", questions: 1 }, { mode: "tutor", questions: 3 }],
      hints_before_answer: [{ hints: 0, answers: 1 }, { hints: 2, answers: 2 }],
      prova_questions: [{ question: "O que a fase clara produz?", count: 1, last_at: "2026-12-10T11:00:00Z" }],
    });
    renderApp(<InsightsView />);
    const perMode = await screen.findByTestId("insights-per-mode");
    expect(within(perMode).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Direto4 perguntas", "Prova1 pergunta", "Tutor3 perguntas",
    ]);
    expect(within(screen.getByTestId("insights-hints")).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Sem dica1 resposta", "Depois de 2 dicas2 respostas",
    ]);
    expect(screen.getByTestId("insight-prova")).toHaveTextContent("O que a fase clara produz?");
  });

  it("say so when nothing was asked yet", async () => {
    backend({ questions_per_mode: [], hints_before_answer: [], prova_questions: [] });
    renderApp(<InsightsView />);
    expect(await screen.findByTestId("insights-tutor")).toHaveTextContent("Nenhuma pergunta foi feita ainda.");
  });
});
