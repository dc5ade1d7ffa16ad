import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Flashcard } from "@/components/study/flashcard";
import { card, source } from "../../helpers/study-fixtures";

function renderCard(busy = false) {
  const onGrade = jest.fn();
  const onSource = jest.fn();
  render(
    <>
      <input aria-label="outro campo" />
      <a href="/study">Estudar</a>
      <Flashcard card={card()} busy={busy} onGrade={onGrade} onSource={onSource} />
    </>,
  );
  return { onGrade, onSource, user: userEvent.setup() };
}

describe("a flashcard", () => {
  it("shows the front only, and the back with its source once flipped by the button", async () => {
    const { user, onSource } = renderCard();
    expect(screen.getByTestId("flashcard-front")).toHaveTextContent("O que é a clorofila?");
    expect(screen.queryByTestId("flashcard-back")).not.toBeInTheDocument();
    expect(screen.queryByTestId("grade-1")).not.toBeInTheDocument();
    const flip = screen.getByRole("button", { name: "Virar o cartão" });
    expect(flip).toHaveAttribute("aria-expanded", "false");

    await user.click(flip);
    expect(screen.getByTestId("flashcard-back")).toHaveTextContent("O pigmento verde das plantas.");
    expect(screen.getByTestId("flashcard")).toHaveAttribute("data-flipped", "true");
    expect(screen.getByRole("button", { name: "Ver a frente" })).toHaveAttribute("aria-expanded", "true");
    await user.click(screen.getByRole("button", { name: "Abrir a página: Fotossíntese, p. 2" }));
    expect(onSource).toHaveBeenCalledWith(source);
  });

  it("flips with the space bar, back and forth", () => {
    renderCard();
    fireEvent.keyDown(document.body, { key: " " });
    expect(screen.getByTestId("flashcard-back")).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: " " });
    expect(screen.queryByTestId("flashcard-back")).not.toBeInTheDocument();
  });

  it("flips with space from a focused link (the nav link just followed), not from a focused button, which clicks itself", () => {
    renderCard();
    const link = screen.getByRole("link", { name: "Estudar" });
    link.focus();
    fireEvent.keyDown(link, { key: " " });
    expect(screen.getByTestId("flashcard-back")).toBeInTheDocument();
    const flip = screen.getByTestId("flashcard-flip");
    flip.focus();
    fireEvent.keyDown(flip, { key: " " });
    expect(screen.getByTestId("flashcard-back")).toBeInTheDocument();
  });

  it("grades with the keys 1-4 only once flipped, and names each grade in Portuguese", () => {
    const { onGrade } = renderCard();
    fireEvent.keyDown(document.body, { key: "3" });
    expect(onGrade).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: " " });
    expect(["grade-1", "grade-2", "grade-3", "grade-4"].map((id) => screen.getByTestId(id).textContent)).toEqual([
      "1 De novo", "2 Difícil", "3 Bom", "4 Fácil",
    ]);
    fireEvent.keyDown(document.body, { key: "3" });
    fireEvent.keyDown(document.body, { key: "1" });
    fireEvent.keyDown(document.body, { key: "5" });
    expect(onGrade.mock.calls).toEqual([[3], [1]]);
  });

  it("grades by clicking, and leaves keys typed in a field alone", async () => {
    const { onGrade, user } = renderCard();
    await user.click(screen.getByTestId("flashcard-flip"));
    await user.click(screen.getByTestId("grade-4"));
    expect(onGrade).toHaveBeenCalledWith(4);
    await user.type(screen.getByLabelText("outro campo"), " 2");
    expect(onGrade).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("flashcard-back")).toBeInTheDocument();
  });

  it("takes no grade while the previous one is being saved", () => {
    const { onGrade } = renderCard(true);
    fireEvent.keyDown(document.body, { key: " " });
    fireEvent.keyDown(document.body, { key: "2" });
    expect(onGrade).not.toHaveBeenCalled();
    expect(screen.getByTestId("grade-2")).toBeDisabled();
  });
});
