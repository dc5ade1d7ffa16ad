import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QuizCard } from "@/components/study/quiz-card";
import type { QuizVerdict, StudentItem } from "@/lib/types";
import { card, source } from "../../helpers/study-fixtures";

const verdict = (correct: boolean): QuizVerdict => ({
  correct, answer: "clorofila", source, card: { item_id: "q1", due: "2026-01-02T10:00:00Z", phase: "learning" },
});

function renderQuiz(item: StudentItem, shown: QuizVerdict | null = null) {
  const props = { onAnswer: jest.fn(), onNext: jest.fn(), onSource: jest.fn() };
  const view = render(<QuizCard card={item} busy={false} verdict={shown} {...props} />);
  return { ...props, view, user: userEvent.setup() };
}

describe("a quiz item", () => {
  it("sends the chosen option of a multiple-choice question", async () => {
    const { onAnswer, user } = renderQuiz(card({ id: "q1", kind: "multiple_choice", question: "Que pigmento absorve a luz?", answer: null, options: ["caroteno", "clorofila", "xantofila", "antocianina"] }));
    const submit = screen.getByTestId("quiz-submit");
    expect(submit).toBeDisabled();
    await user.click(screen.getByLabelText("clorofila"));
    await user.click(submit);
    expect(onAnswer).toHaveBeenCalledWith("clorofila");
  });

  it("sends the words typed for a cloze", async () => {
    const { onAnswer, user } = renderQuiz(card({ id: "q1", kind: "cloze", question: "A ____ absorve a luz vermelha.", answer: null }));
    expect(screen.getByTestId("quiz-question")).toHaveTextContent("A ____ absorve a luz vermelha.");
    await user.type(screen.getByLabelText("Sua resposta"), "  clorofila {Enter}");
    expect(onAnswer).toHaveBeenCalledWith("clorofila");
  });

  it("shows a right answer's feedback with the cited passage and a link to its page", async () => {
    const { onSource, onNext, user } = renderQuiz(card({ id: "q1", kind: "short_answer", answer: null }), verdict(true));
    const feedback = screen.getByTestId("quiz-feedback");
    expect(feedback).toHaveAttribute("data-correct", "true");
    expect(feedback).toHaveTextContent("Correto!");
    expect(screen.queryByTestId("quiz-expected")).not.toBeInTheDocument();
    expect(screen.getByTestId("quiz-passage")).toHaveTextContent(source.passage);
    expect(screen.getByRole("status")).toContainElement(feedback);
    expect(screen.queryByTestId("quiz-submit")).not.toBeInTheDocument();
    expect(screen.getByTestId("quiz-input")).toHaveAttribute("readonly");

    await user.click(screen.getByRole("button", { name: "Abrir a página: Fotossíntese, p. 2" }));
    expect(onSource).toHaveBeenCalledWith(source);
    await user.click(screen.getByTestId("quiz-next"));
    expect(onNext).toHaveBeenCalled();
  });

  it("says a wrong answer is wrong and gives the expected one", () => {
    renderQuiz(card({ id: "q1", kind: "multiple_choice", answer: null, options: ["caroteno", "clorofila"] }), verdict(false));
    expect(screen.getByTestId("quiz-feedback")).toHaveTextContent("Não é bem isso.");
    expect(screen.getByTestId("quiz-expected")).toHaveTextContent("Resposta esperada: clorofila");
    for (const option of screen.getAllByTestId("quiz-option")) expect(option).toBeDisabled();
  });
});
