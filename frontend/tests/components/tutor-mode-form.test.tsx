import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LanguageSwitch } from "@/components/language-switch";
import { LibraryView } from "@/components/library/library-view";
import { json, mockFetch, type Handler } from "../helpers/fake-backend";
import { renderApp, resetStorage } from "../helpers/render";

const course = { id: "default", name: "Geral", documents: 1, tutor_mode: "direto", tutor_mode_now: "direto", prova_starts_at: null, prova_ends_at: null };

function library(put: Handler, listed: Record<string, unknown> = course) {
  return mockFetch({
    "GET /api/collections": () => json({ collections: [listed] }),
    "GET /api/documents": () => json({ documents: [] }),
    "PUT /api/collections/default/tutor-mode": put,
  });
}

beforeEach(resetStorage);

describe("the teacher's answer mode", () => {
  it("explains each mode, and saves tutor with a prova window written in Brasília time", async () => {
    const { calls } = library(({ body }) => json({ ...course, ...(body as object) }));
    renderApp(<LibraryView />);
    const tutor = await screen.findByTestId("tutor-mode-tutor");
    expect(screen.getByTestId("tutor-mode-direto")).toBeChecked();
    expect(tutor).toHaveAccessibleDescription("Primeiro dá dicas e mostra onde ler; a resposta vem depois.");
    expect(screen.getByTestId("tutor-mode-prova")).toHaveAccessibleDescription("Só indica onde estudar no material; não dá a resposta.");

    const user = userEvent.setup();
    await user.click(tutor);
    await user.type(screen.getByLabelText("Início da prova"), "2026-12-10T08:00");
    await user.type(screen.getByLabelText("Fim da prova"), "2026-12-10T10:00");
    await user.click(screen.getByTestId("tutor-mode-save"));
    expect(await screen.findByText("Modo de “Geral”: Tutor.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
      tutor_mode: "tutor", prova_starts_at: "2026-12-10T08:00", prova_ends_at: "2026-12-10T10:00",
    });
  });

  it("starts from the course's setting: its window on the Brasília clock, and says when prova is on now", async () => {
    library(() => json(course), {
      ...course, tutor_mode: "tutor", tutor_mode_now: "prova", prova_starts_at: "2026-12-10T11:00:00Z", prova_ends_at: "2026-12-10T13:00:00Z",
    });
    renderApp(<LibraryView />);
    expect(await screen.findByTestId("tutor-mode-tutor")).toBeChecked();
    expect(screen.getByTestId("tutor-window-start")).toHaveValue("2026-12-10T08:00");
    expect(screen.getByTestId("tutor-window-end")).toHaveValue("2026-12-10T10:00");
    expect(screen.getByTestId("tutor-prova-now")).toHaveTextContent("Agora em modo prova");
  });

  it("shows a refused window as the app shows API errors, in each language", async () => {
    library(() => json({ error: "A janela de prova precisa terminar depois de começar.", code: "bad_request:prova_window" }, 400));
    renderApp(
      <>
        <LanguageSwitch />
        <LibraryView />
      </>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("tutor-mode-prova"));
    await user.click(screen.getByTestId("tutor-mode-save"));
    const error = await screen.findByTestId("tutor-mode-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("Informe o início e o fim da janela de prova");
    await user.click(screen.getByTestId("language-switch"));
    await waitFor(() => expect(screen.getByTestId("tutor-mode-error")).toHaveTextContent("Give both the start and the end of the exam window"));
  });
});
