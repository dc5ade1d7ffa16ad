import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { JoinView } from "@/components/classes/join-view";
import { json, mockFetch, type Handler } from "../../helpers/fake-backend";
import { address } from "../../helpers/fake-router";
import { renderApp, resetStorage } from "../../helpers/render";

jest.mock("next/navigation", () => jest.requireActual("../../helpers/fake-router"));

const course = { id: "fisica-x7k2", name: "Física 1A", documents: 2, visibility: "turma", owned: false };
const signedOut = { teacher: null, csrf_token: null, oidc_available: false, oidc_label: null };

function backend(extra: Record<string, Handler>) {
  let joined = false;
  const mocked = mockFetch({
    "GET /api/auth/session": () => json(signedOut),
    "GET /api/collections": () => json({ collections: joined ? [course] : [] }),
    "POST /api/join": () => {
      joined = true;
      return json({ course });
    },
    ...extra,
  });
  return mocked;
}

beforeEach(() => {
  resetStorage();
  window.history.replaceState(null, "", "/entrar/turma/7K3M9Q2XBD");
});

describe("join page", () => {
  it("says which course and what the student gets; joining opens the chat in that course", async () => {
    const { calls } = backend({ "GET /api/join/7K3M9Q2XBD": () => json({ course }) });
    renderApp(<JoinView code="7K3M9Q2XBD" />);
    expect(await screen.findByRole("heading", { name: "Entrar na turma de Física 1A" })).toBeInTheDocument();
    expect(screen.getByText(/respondidas com citações/)).toBeInTheDocument();
    expect(screen.getByText("Sem criar conta e sem senha.")).toBeInTheDocument();
    expect(screen.getByText(/só neste navegador/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Entrar na turma" }));
    await waitFor(() => expect(address()).toBe("/?curso=fisica-x7k2"));
    expect(calls.find((c) => c.method === "POST" && c.url === "/api/join")!.body).toEqual({ code: "7K3M9Q2XBD" });
    // The list was reloaded after the pass, so the header can select the course.
    expect(calls.filter((c) => c.url === "/api/collections").length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["gone:invitation_expired", 410, "Este link expirou", "expired"],
    ["gone:invitation_revoked", 410, "Este link foi revogado", "revoked"],
    ["not_found:invitation", 404, "Este link não existe", "unknown"],
  ])("%s: a page of its own that asks for a new link and never names the course", async (code, status, title, reason) => {
    backend({ "GET /api/join/7K3M9Q2XBD": () => json({ error: "Este convite não vale mais.", code }, status) });
    renderApp(<JoinView code="7K3M9Q2XBD" />);
    expect(await screen.findByRole("heading", { name: title })).toBeInTheDocument();
    const notice = screen.getByTestId("join-failed");
    expect(notice).toHaveTextContent(/peça um link novo ao professor/i);
    expect(notice).not.toHaveTextContent("Física");
    expect(screen.getByTestId("join-failed-reason")).toHaveAttribute("data-reason", reason);
    expect(screen.getByRole("textbox", { name: "Código da turma" })).toBeInTheDocument();
  });

  it("a link revoked between the preview and the click shows the revoked page", async () => {
    backend({
      "GET /api/join/7K3M9Q2XBD": () => json({ course }),
      "POST /api/join": () => json({ error: "revogado", code: "gone:invitation_revoked" }, 410),
    });
    renderApp(<JoinView code="7K3M9Q2XBD" />);
    await userEvent.click(await screen.findByRole("button", { name: "Entrar na turma" }));
    expect(await screen.findByRole("heading", { name: "Este link foi revogado" })).toBeInTheDocument();
    expect(address()).toBe("/entrar/turma/7K3M9Q2XBD");
  });

  it("a typed code (or a pasted link) leads to its join page", async () => {
    backend({ "GET /api/join/7K3M9Q2XBD": () => json({ error: "x", code: "not_found:invitation" }, 404) });
    renderApp(<JoinView code="7K3M9Q2XBD" />);
    const box = await screen.findByRole("textbox", { name: "Código da turma" });
    await userEvent.type(box, "http://escola/entrar/turma/ABCDE12345");
    await userEvent.click(screen.getByRole("button", { name: "Continuar" }));
    expect(address()).toBe("/entrar/turma/ABCDE12345");
  });
});
