import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LibraryView } from "@/components/library/library-view";
import { json, mockFetch } from "../../helpers/fake-backend";
import { address } from "../../helpers/fake-router";
import { renderApp, resetStorage } from "../../helpers/render";

jest.mock("next/navigation", () => jest.requireActual("../../helpers/fake-router"));

const general = { id: "default", name: "Geral", documents: 1, visibility: "aberto" };
const physics = { id: "fisica-x7k2", name: "Física 1A", documents: 1, visibility: "turma" };

beforeEach(() => resetStorage());

describe("a course that vanishes (its class link revoked)", () => {
  it("a 404 on the chosen course reloads the list, falls back to another course and says why", async () => {
    let revoked = false;
    const { calls } = mockFetch({
      "GET /api/auth/session": () => json({ teacher: null, csrf_token: null, oidc_available: false, oidc_label: null }),
      "GET /api/collections": () => json({ collections: revoked ? [general] : [general, physics] }),
      "GET /api/documents": ({ url }) => {
        if (!url.includes("fisica")) return json({ documents: [] });
        revoked = true; // the teacher revoked the link after the page loaded its list
        return json({ error: "A coleção 'fisica-x7k2' não existe.", code: "not_found:collection" }, 404);
      },
    });
    window.history.replaceState(null, "", "/library?curso=fisica-x7k2");
    renderApp(<LibraryView />);
    const notice = await screen.findByTestId("course-gone");
    expect(notice).toHaveTextContent("não está mais disponível neste navegador");
    expect(notice).toHaveTextContent("Mostrando “Geral”");
    expect(calls.filter((c) => c.url === "/api/collections")).toHaveLength(2);
    await waitFor(() => expect(calls.map((c) => c.url)).toContain("/api/documents?collection=default"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument(); // the page did not crash into an error

    await userEvent.click(screen.getByRole("button", { name: "Entendi" }));
    expect(screen.queryByTestId("course-gone")).not.toBeInTheDocument();
    expect(address()).toBe("/library?curso=default");
  });
});
