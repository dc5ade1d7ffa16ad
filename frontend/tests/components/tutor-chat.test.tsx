import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ChatPage } from "@/components/chat/chat-page";
import type { TutorMode, TutorState } from "@/lib/types";
import { json, mockFetch, sse, type Handler } from "../helpers/fake-backend";
import { renderApp, resetStorage } from "../helpers/render";

const place = { document_id: "doc-1", title: "biologia.pdf", page: 2, section: "Fotossíntese", chunk_id: "chunk-7" };
const citation = { document_id: "doc-1", title: "biologia.pdf", page: 2, snippet: "…nos cloroplastos.", chunk_id: "chunk-7" };

function state(overrides: Partial<TutorState>): TutorState {
  return { mode: "tutor", action: "ask", level: 1, locations: [place], can_hint: true, can_reveal: false, verdict: null, ...overrides };
}

/** One SSE reply per POST /api/chat, in order; each done event carries its tutor state. */
function replies(...answers: { answer: string; tutor: TutorState | null; citations?: unknown[] }[]): Handler {
  let n = 0;
  return () => {
    const reply = answers[Math.min(n++, answers.length - 1)]!;
    const done = { citations: [], conversation_id: "conv-1", message_id: `msg-${n}`, mode: "extractive", grounded: true, ...reply };
    return sse([`event: token\ndata: ${JSON.stringify({ text: reply.answer })}\n\n`, `event: done\ndata: ${JSON.stringify(done)}\n\n`]);
  };
}

function routes(mode: TutorMode, chat: Handler, extra: Record<string, Handler> = {}) {
  return mockFetch({
    "GET /api/collections": () => json({ collections: [{ id: "default", name: "Geral", documents: 2, tutor_mode: mode, tutor_mode_now: mode }] }),
    "GET /api/conversations": () => json({ conversations: [] }),
    "POST /api/chat": chat,
    ...extra,
  });
}

async function ask(question: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByTestId("chat-input"), question);
  await user.click(screen.getByTestId("chat-send"));
  return user;
}

const lastAnswer = async (count: number) => {
  await waitFor(() => expect(screen.getAllByTestId("answer")).toHaveLength(count));
  const answer = screen.getAllByTestId("answer")[count - 1]!;
  await waitFor(() => expect(answer).toHaveAttribute("data-state", "done"));
  return answer;
};

beforeEach(resetStorage);

describe("the chat in tutor mode", () => {
  it("climbs hint 1, hint 2, then the answer; locations open the source panel", async () => {
    const { calls } = routes(
      "tutor",
      replies(
        { answer: "Releia a seção Fotossíntese. Onde ela acontece?", tutor: state({}) },
        { answer: "A fotossíntese ocorre nos ____.", tutor: state({ action: "hint", level: 2, can_reveal: true }) },
        { answer: "A fotossíntese ocorre nos cloroplastos [1].", tutor: state({ action: "reveal", level: 3, can_hint: false }), citations: [citation] },
      ),
      { "GET /api/chunks/chunk-7/source": () => json({ error: "gone", code: "not_found:chunk" }, 404) },
    );
    renderApp(<ChatPage />);
    expect(await screen.findByTestId("tutor-badge")).toHaveTextContent("Modo Tutor");
    const user = await ask("Onde ocorre a fotossíntese?");

    const first = await lastAnswer(1);
    expect(within(first).getByTestId("tutor-level")).toHaveTextContent("Dica 1 de 2");
    expect(screen.getAllByRole("status").some((s) => s.textContent === "Dica 1 de 2. Resposta pronta.")).toBe(true);
    expect(within(first).queryByTestId("tutor-reveal")).not.toBeInTheDocument();
    expect(within(first).queryByTestId("citation")).not.toBeInTheDocument();
    const link = within(first).getByTestId("tutor-location");
    expect(link).toHaveAccessibleName("Abrir a página: biologia.pdf, p. 2");
    await user.click(link);
    expect(await screen.findByTestId("source-panel")).toBeInTheDocument();
    await user.keyboard("{Escape}");

    await user.click(within(first).getByTestId("tutor-hint"));
    const second = await lastAnswer(2);
    expect(calls.filter((c) => c.method === "POST")[1]!.body).toEqual({
      message: "Mais uma dica, por favor.", collection: "default", conversation_id: "conv-1", action: "hint",
    });
    expect(within(second).getByTestId("tutor-level")).toHaveTextContent("Dica 2 de 2");
    expect(within(first).queryByTestId("tutor-hint")).not.toBeInTheDocument(); // only the latest answer moves on

    await user.click(within(second).getByTestId("tutor-reveal"));
    const third = await lastAnswer(3);
    expect(calls.filter((c) => c.method === "POST")[2]!.body).toMatchObject({ action: "reveal", conversation_id: "conv-1" });
    expect(within(third).getByTestId("tutor-level")).toHaveTextContent("Resposta");
    expect(within(third).getByTestId("citation")).toHaveTextContent("p. 2");
    expect(within(third).queryByTestId("tutor-location")).not.toBeInTheDocument();
    expect(within(third).queryByTestId("tutor-hint")).not.toBeInTheDocument();
    expect(screen.queryByTestId("chat-attempt")).not.toBeInTheDocument();
  });

  it("sends the student's own answer as an attempt and shows the verdict", async () => {
    const { calls } = routes(
      "tutor",
      replies(
        { answer: "Onde ela acontece?", tutor: state({}) },
        { answer: "Nos cloroplastos [1].", tutor: state({ action: "attempt", level: 3, can_hint: false, verdict: "correct" }), citations: [citation] },
      ),
    );
    renderApp(<ChatPage />);
    const user = await ask("Onde ocorre a fotossíntese?");
    await lastAnswer(1);
    await user.type(screen.getByTestId("chat-input"), "nos cloroplastos");
    await user.click(screen.getByTestId("chat-attempt"));
    const answer = await lastAnswer(2);
    expect(calls.filter((c) => c.method === "POST")[1]!.body).toMatchObject({ message: "nos cloroplastos", action: "attempt" });
    expect(screen.getAllByTestId("question")[1]).toHaveTextContent("Sua resposta: nos cloroplastos");
    expect(within(answer).getByTestId("tutor-verdict")).toHaveTextContent("Sua resposta está correta.");
  });

  it("shows a 409 in the student's language, without a retry", async () => {
    routes("tutor", () =>
      sse([`event: error\ndata: ${JSON.stringify({ error: "Faça uma pergunta primeiro.", code: "conflict:reveal_too_early" })}\n\n`]),
    );
    renderApp(<ChatPage />);
    await ask("Mostre a resposta");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Tente responder ou peça mais uma dica antes de ver a resposta.");
    expect(screen.queryByTestId("chat-retry")).not.toBeInTheDocument();
  });
});

describe("the chat in prova mode", () => {
  it("shows the prova badge and places only: no hint, reveal or attempt", async () => {
    routes("prova", replies({ answer: "Estude biologia.pdf, p. 2.", tutor: state({ mode: "prova", can_hint: false }) }));
    renderApp(<ChatPage />);
    expect(await screen.findByTestId("tutor-badge")).toHaveTextContent("Modo Prova");
    expect(screen.getByTestId("tutor-badge")).toHaveTextContent("não dá a resposta");
    await ask("Onde ocorre a fotossíntese?");
    const answer = await lastAnswer(1);
    expect(within(answer).getByTestId("tutor-level")).toHaveTextContent("Onde estudar");
    expect(within(answer).getByTestId("tutor-location")).toHaveTextContent("biologia.pdf");
    for (const id of ["tutor-hint", "tutor-reveal", "citation"]) expect(within(answer).queryByTestId(id)).not.toBeInTheDocument();
    expect(screen.queryByTestId("chat-attempt")).not.toBeInTheDocument();
  });

  it("says direto, and no tutor parts, for a course that answers directly", async () => {
    routes("direto", replies({ answer: "Nos cloroplastos [1].", tutor: null, citations: [citation] }));
    renderApp(<ChatPage />);
    expect(await screen.findByTestId("tutor-badge")).toHaveAttribute("data-mode", "direto");
    await ask("Onde ocorre a fotossíntese?");
    const answer = await lastAnswer(1);
    expect(within(answer).queryByTestId("tutor-steps")).not.toBeInTheDocument();
    expect(within(answer).getByTestId("citation")).toBeInTheDocument();
  });
});
