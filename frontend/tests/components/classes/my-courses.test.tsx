import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MyCoursesView } from "@/components/classes/my-courses-view";
import { SignInForm } from "@/components/classes/sign-in-form";
import { AppHeader } from "@/components/app-header";
import type { CourseInvitation } from "@/lib/types";
import { json, mockFetch, type Handler } from "../../helpers/fake-backend";
import { address } from "../../helpers/fake-router";
import { renderApp, resetStorage } from "../../helpers/render";

jest.mock("next/navigation", () => jest.requireActual("../../helpers/fake-router"));

const ana = { id: "t1", email: "ana@escola.br", name: "Ana Souza" };
const session = (signedIn: boolean, oidc = false) => ({
  teacher: signedIn ? ana : null,
  csrf_token: signedIn ? "csrf-ana" : null,
  oidc_available: oidc,
  oidc_label: oidc ? "Google" : null,
});
const mine = { id: "fisica-x7k2", name: "Física 1A", documents: 1, visibility: "turma", retention_days: null, owned: true };
const open = { id: "default", name: "Geral", documents: 3, visibility: "aberto", retention_days: null, owned: false };

function teacherBackend(extra: Record<string, Handler> = {}) {
  const invitations: CourseInvitation[] = [];
  return mockFetch({
    "GET /api/auth/session": () => json(session(true)),
    "GET /api/collections": () => json({ collections: [open, mine] }),
    "GET /api/collections/fisica-x7k2/invitations": () => json({ invitations }),
    "POST /api/collections/fisica-x7k2/invitations": ({ body }) => {
      const days = (body as { expires_in_days: number | null }).expires_in_days;
      const created = {
        id: "inv1", course_id: "fisica-x7k2", code: "7K3M9Q2XBD", path: "/entrar/turma/7K3M9Q2XBD",
        created_at: "2026-03-01T10:00:00Z", expires_at: days ? "2099-03-08T10:00:00Z" : null, revoked_at: null, passes: 2,
      };
      invitations.unshift(created);
      return json(created, 201);
    },
    "DELETE /api/invitations/inv1": () => {
      invitations[0] = { ...invitations[0]!, revoked_at: "2026-03-02T10:00:00Z", passes: 0 };
      return json(null, 204);
    },
    ...extra,
  });
}

beforeEach(() => {
  resetStorage();
  window.history.replaceState(null, "", "/meus-cursos");
});

describe("my courses", () => {
  it("lists only the teacher's own courses, with the visibility explained and the course's pages", async () => {
    teacherBackend();
    renderApp(
      <>
        <AppHeader />
        <MyCoursesView />
      </>,
    );
    const card = await screen.findByTestId("my-course");
    expect(screen.getAllByTestId("my-course")).toHaveLength(1);
    expect(within(card).getByRole("heading", { name: "Física 1A" })).toBeInTheDocument();
    expect(within(card).getByRole("radio", { name: /Turma: só quem tem o link/ })).toBeChecked();
    expect(within(card).getByRole("radio", { name: /Aberto: qualquer pessoa com o endereço/ })).not.toBeChecked();
    expect(within(card).getByRole("link", { name: "Biblioteca" })).toHaveAttribute("href", "/library?curso=fisica-x7k2");
    expect(within(card).getByRole("link", { name: "Perguntas sem resposta" })).toHaveAttribute("href", "/insights?curso=fisica-x7k2");
    // The header names the teacher and links here.
    expect(screen.getByTestId("nav-teacher")).toHaveTextContent("Ana Souza");
    expect(screen.getByRole("link", { name: "Meus cursos" })).toHaveAttribute("href", "/meus-cursos");
    expect(screen.queryByTestId("nav-sign-in")).not.toBeInTheDocument();
  });

  it("creates a course as turma by default, sending the session's CSRF token", async () => {
    const { calls } = teacherBackend({ "POST /api/collections": () => json({ id: "quimica-9f", name: "Química", visibility: "turma" }, 201) });
    renderApp(<MyCoursesView />);
    await userEvent.type(await screen.findByRole("textbox", { name: "Nome do novo curso" }), "Química");
    await userEvent.click(screen.getByTestId("new-course-create"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.url === "/api/collections")).toBe(true));
    const create = calls.find((c) => c.method === "POST" && c.url === "/api/collections")!;
    expect(create.body).toEqual({ name: "Química", visibility: "turma" });
    expect(create.headers.get("X-CSRF-Token")).toBe("csrf-ana");
  });

  it("saves visibility and retention; blank retention keeps everything, out of range is refused here", async () => {
    const { calls } = teacherBackend({ "PUT /api/collections/fisica-x7k2/access": () => json({ ...mine, visibility: "aberto" }) });
    renderApp(<MyCoursesView />);
    const card = await screen.findByTestId("my-course");
    await userEvent.click(within(card).getByRole("radio", { name: /Aberto/ }));
    const retention = within(card).getByRole("spinbutton", { name: "Guardar as conversas por (dias)" });
    await userEvent.type(retention, "5000");
    await userEvent.click(within(card).getByTestId("access-save"));
    expect(within(card).getByTestId("access-error")).toHaveTextContent("1 a 3650");
    await userEvent.clear(retention);
    await userEvent.click(within(card).getByTestId("access-save"));
    await waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true));
    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.body).toEqual({ visibility: "aberto", retention_days: null });
    expect(put.headers.get("X-CSRF-Token")).toBe("csrf-ana");
  });

  it("creates a link, shows its full address, code, passes and a QR code, and revokes it after confirming", async () => {
    const { calls } = teacherBackend();
    renderApp(<MyCoursesView />);
    const card = await screen.findByTestId("my-course");
    expect(await within(card).findByText("Nenhum link ainda.")).toBeInTheDocument();
    await userEvent.type(within(card).getByRole("spinbutton", { name: "Validade em dias (opcional)" }), "7");
    await userEvent.click(within(card).getByRole("button", { name: "Criar link" }));
    const row = await within(card).findByTestId("invitation-row");
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ expires_in_days: 7 });
    expect(within(row).getByTestId("invitation-code")).toHaveTextContent("7K3M9Q2XBD");
    expect(within(row).getByTestId("invitation-url")).toHaveTextContent(`${window.location.origin}/entrar/turma/7K3M9Q2XBD`);
    expect(within(row).getByTestId("invitation-passes")).toHaveTextContent("entradas: 2");

    await userEvent.click(within(row).getByRole("button", { name: "Mostrar QR code" }));
    const qr = within(row).getByRole("img", { name: "QR code do link da turma de Física 1A" });
    expect(qr).toHaveAttribute("data-text", `${window.location.origin}/entrar/turma/7K3M9Q2XBD`);
    expect(within(row).getByRole("button", { name: "Esconder QR code" })).toHaveAttribute("aria-expanded", "true");

    await userEvent.click(within(row).getByRole("button", { name: "Revogar" }));
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("Os 2 navegadores que entraram por ele perdem o acesso");
    await userEvent.click(within(dialog).getByRole("button", { name: "Revogar" }));
    await waitFor(() => expect(within(card).getByTestId("invitation-row")).toHaveAttribute("data-active", "false"));
    const revoke = calls.find((c) => c.method === "DELETE")!;
    expect([revoke.url, revoke.headers.get("X-CSRF-Token")]).toEqual(["/api/invitations/inv1", "csrf-ana"]);
    expect(within(card).getByTestId("invitation-meta")).toHaveTextContent("revogado");
    expect(within(card).queryByRole("button", { name: "Revogar" })).not.toBeInTheDocument();
  });

  it("signed out: asks to sign in, and the header offers Entrar", async () => {
    mockFetch({ "GET /api/auth/session": () => json(session(false)), "GET /api/collections": () => json({ collections: [open] }) });
    renderApp(
      <>
        <AppHeader />
        <MyCoursesView />
      </>,
    );
    expect(await screen.findByTestId("my-courses-signed-out")).toBeInTheDocument();
    expect(screen.getByTestId("nav-sign-in")).toHaveAttribute("href", "/entrar");
  });
});

describe("sign-in form", () => {
  it("signs in and goes to /meus-cursos; the course list is reloaded for the teacher", async () => {
    let signedIn = false;
    const { calls } = mockFetch({
      "GET /api/auth/session": () => json(session(false, true)),
      "GET /api/collections": () => json({ collections: signedIn ? [open, mine] : [open] }),
      "POST /api/auth/sign-in": () => {
        signedIn = true;
        return json(session(true));
      },
    });
    window.history.replaceState(null, "", "/entrar");
    renderApp(<SignInForm />);
    expect(await screen.findByRole("link", { name: "Entrar com Google" })).toHaveAttribute("href", "/api/auth/oidc/start?next=%2Fmeus-cursos");
    await userEvent.type(screen.getByLabelText("E-mail"), "ana@escola.br");
    await userEvent.type(screen.getByLabelText("Senha"), "senha-longa-1");
    await userEvent.click(screen.getByRole("button", { name: "Entrar" }));
    await waitFor(() => expect(address()).toBe("/meus-cursos"));
    await waitFor(() => expect(calls.filter((c) => c.url === "/api/collections")).toHaveLength(2));
  });

  it("a throttled sign-in says how long to wait", async () => {
    mockFetch({
      "GET /api/auth/session": () => json(session(false)),
      "GET /api/collections": () => json({ collections: [open] }),
      "POST /api/auth/sign-in": () =>
        new Response(JSON.stringify({ error: "x", code: "rate_limited" }), { status: 429, headers: { "Retry-After": "300" } }),
    });
    window.history.replaceState(null, "", "/entrar");
    renderApp(<SignInForm />);
    await userEvent.type(await screen.findByLabelText("E-mail"), "ana@escola.br");
    await userEvent.type(screen.getByLabelText("Senha"), "errada");
    await userEvent.click(screen.getByRole("button", { name: "Entrar" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Muitas tentativas de entrar. Espere 5 min e tente de novo.");
    expect(screen.queryByRole("link", { name: /Entrar com/ })).not.toBeInTheDocument();
  });

  it("an OIDC refusal coming back in ?erro= is said in a sentence", async () => {
    mockFetch({ "GET /api/auth/session": () => json(session(false, true)), "GET /api/collections": () => json({ collections: [open] }) });
    window.history.replaceState(null, "", "/entrar?erro=oidc_conta");
    renderApp(<SignInForm />);
    expect(await screen.findByTestId("oidc-error")).toHaveTextContent("Esta conta não foi convidada como professor");
  });
});
