import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LanguageSwitch } from "@/components/language-switch";
import { LibraryView } from "@/components/library/library-view";
import type { DocumentInfo } from "@/lib/types";
import { FakeXhr, json, mockFetch, type Handler } from "../helpers/fake-backend";
import { courseRoutes, renderApp, resetStorage } from "../helpers/render";

function doc(overrides: Partial<DocumentInfo>): DocumentInfo {
  return {
    id: "d1", title: "Fotossíntese", filename: "fotossintese.pdf", collection: "default", status: "ready", error: null,
    pages: 2, chunks: 4, content_type: "application/pdf", size_bytes: 2048, created_at: "2026-01-01T10:00:00Z", progress: 1,
    suspect_pages: [], ...overrides,
  };
}

function library(documents: () => DocumentInfo[], extra: Record<string, Handler> = {}) {
  return mockFetch({ ...courseRoutes(), "GET /api/documents": () => json({ documents: documents() }), ...extra });
}

function renderLibrary() {
  return renderApp(
    <>
      <LanguageSwitch />
      <LibraryView />
    </>,
  );
}

beforeEach(() => {
  resetStorage();
  FakeXhr.install();
});

afterEach(() => jest.useRealTimers());

describe("library", () => {
  it("tells the owner of an open course how to close it to the class, and says nothing for a turma", async () => {
    const course = (visibility: string) => ({
      "GET /api/collections": () =>
        json({ collections: [{ id: "default", name: "Geral", documents: 1, visibility, owned: true }] }),
    });
    library(() => [], course("aberto"));
    const { unmount } = renderLibrary();
    const notice = await screen.findByTestId("library-open-course");
    expect(notice).toHaveTextContent("Este curso está aberto");
    expect(within(notice).getByRole("link")).toHaveAttribute("href", "/meus-cursos");
    unmount();
    library(() => [], course("turma"));
    renderLibrary();
    await screen.findByTestId("library-empty");
    expect(screen.queryByTestId("library-open-course")).toBeNull();
  });

  it("shows each document's title and status word in pt-BR, and in English after the switch", async () => {
    library(() => [
      doc({ id: "a", title: "Aula 1", status: "queued" }),
      doc({ id: "b", title: "Aula 2", status: "processing" }),
      doc({ id: "c", title: "Aula 3", status: "ready" }),
      doc({ id: "d", title: "Aula 4", status: "failed", error: "Este PDF é só imagem." }),
    ]);
    renderLibrary();
    const rows = await screen.findAllByTestId("document-row");
    expect(rows.map((row) => row.getAttribute("data-status"))).toEqual(["queued", "processing", "ready", "failed"]);
    expect(rows.map((row) => within(row).getByTestId("document-status").textContent)).toEqual(["na fila", "processando", "pronto", "falhou"]);
    expect(within(rows[3]!).getByTestId("document-error")).toHaveTextContent("Este PDF é só imagem.");
    expect(rows[0]).toHaveTextContent("Aula 1");

    await userEvent.setup().click(screen.getByTestId("language-switch"));
    const english = screen.getAllByTestId("document-status").map((el) => el.textContent);
    expect(english).toEqual(["queued", "processing", "ready", "failed"]);
    expect(window.localStorage.getItem("chatgepeto.locale")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });

  it("polls while a document is indexing, until it is ready", async () => {
    jest.useFakeTimers();
    let status: DocumentInfo["status"] = "processing";
    const { calls } = library(() => [doc({ status })]);
    renderLibrary();
    expect(await screen.findByText("processando")).toBeInTheDocument();
    status = "ready";
    await act(async () => {
      jest.advanceTimersByTime(1600);
    });
    expect(await screen.findByText("pronto")).toBeInTheDocument();
    const polls = calls.filter((c) => c.url.startsWith("/api/documents")).length;
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(calls.filter((c) => c.url.startsWith("/api/documents")).length).toBe(polls);
  });

  it("uploads several files at once, each with its own progress, and shows refusals", async () => {
    let listed: DocumentInfo[] = [];
    library(() => listed);
    renderLibrary();
    await screen.findByTestId("library-empty");
    const files = [new File(["a"], "aula1.md", { type: "text/markdown" }), new File(["b"], "enorme.pdf", { type: "application/pdf" })];
    await userEvent.setup().upload(screen.getByTestId("upload-input"), files);
    expect(FakeXhr.instances).toHaveLength(2);
    act(() => FakeXhr.instances[0]!.progress(30, 100));
    const items = screen.getAllByTestId("upload-item");
    expect(within(items[0]!).getByTestId("upload-progress")).toHaveAttribute("value", "0.3");
    expect(items[0]).toHaveTextContent("30%");

    listed = [doc({ id: "n1", title: "aula1", filename: "aula1.md", status: "queued" })];
    await act(async () => FakeXhr.instances[0]!.respond(202, listed[0]));
    await act(async () => FakeXhr.instances[1]!.respond(413, { error: "File too large", code: "too_large" }));
    expect(await screen.findByTestId("upload-error")).toHaveTextContent("O arquivo é grande demais");
    const row = await screen.findByTestId("document-row");
    expect(row).toHaveAttribute("data-status", "queued");
    expect(row).toHaveTextContent("na fila");
    expect(screen.getAllByTestId("upload-item")).toHaveLength(1);
  });

  it("asks for the teacher credential on 401, keeps it for the tab and retries with it", async () => {
    const { calls } = library(() => [doc({})], {
      "DELETE /api/documents/d1": ({ headers }) =>
        headers.get("Authorization") === "Bearer prof-123" ? json(null, 204) : json({ error: "teachers only", code: "unauthorized" }, 401),
    });
    renderLibrary();
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("document-delete"));
    expect(screen.getByTestId("confirm-dialog")).toHaveTextContent("Fotossíntese");
    await user.click(screen.getByTestId("confirm-accept"));
    const dialog = await screen.findByTestId("teacher-token-dialog");
    expect(within(dialog).getByLabelText("Senha do professor")).toHaveFocus();
    // A teacher with an account is offered the sign-in page instead of the admin's token.
    expect(within(dialog).getByTestId("teacher-token-sign-in")).toHaveAttribute("href", "/entrar");
    await user.type(within(dialog).getByTestId("teacher-token-input"), "prof-123");
    await user.click(within(dialog).getByTestId("teacher-token-submit"));
    await waitFor(() => expect(calls.filter((c) => c.method === "DELETE")).toHaveLength(2));
    expect(window.sessionStorage.getItem("chatgepeto.teacherToken")).toBe("prof-123");
    expect(screen.queryByTestId("teacher-token-dialog")).not.toBeInTheDocument();
  });

  it("cancelling delete sends nothing; cancelling the credential shows the refusal", async () => {
    const { calls } = library(() => [doc({})], {
      "PATCH /api/documents/d1": () => json({ error: "teachers only", code: "unauthorized" }, 401),
    });
    renderLibrary();
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("document-delete"));
    await user.click(screen.getByTestId("confirm-cancel"));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    await user.click(screen.getByTestId("document-rename"));
    const input = screen.getByTestId("document-title-input");
    await user.clear(input);
    await user.type(input, "Fotossíntese (resumo){Enter}");
    await user.click(await screen.findByTestId("teacher-token-cancel"));
    expect(await screen.findByTestId("library-error")).toHaveTextContent("só para professores");
  });

  it("renames a document", async () => {
    let title = "Fotossíntese";
    const { calls } = library(() => [doc({ title })], {
      "PATCH /api/documents/d1": ({ body }) => {
        title = (body as { title: string }).title;
        return json(doc({ title }));
      },
    });
    renderLibrary();
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("document-rename"));
    const input = screen.getByTestId("document-title-input");
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, "Fotossíntese — resumo{Enter}");
    expect(await screen.findByText("Fotossíntese — resumo")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ title: "Fotossíntese — resumo" });
  });

  it("warns about suspect pages in pt-BR and English, and not for clean documents or an older backend", async () => {
    const older = doc({ id: "c", title: "Aula 3" });
    delete older.suspect_pages;
    library(() => [
      doc({ id: "a", title: "Aula 1", suspect_pages: [14, 12, 13] }),
      doc({ id: "b", title: "Aula 2", suspect_pages: [] }),
      older,
      doc({ id: "d", title: "Aula 4", suspect_pages: [3, 7, 8, 9, 12, 20, 30, 31, 40] }),
    ]);
    renderLibrary();
    const rows = await screen.findAllByTestId("document-row");
    expect(within(rows[0]!).getByTestId("document-suspect")).toHaveTextContent(
      "O texto das páginas 12–14 deste PDF parece corrompido: confira o arquivo ou envie uma versão com texto pesquisável.",
    );
    expect(within(rows[1]!).queryByTestId("document-suspect")).not.toBeInTheDocument();
    expect(within(rows[2]!).queryByTestId("document-suspect")).not.toBeInTheDocument();
    expect(within(rows[3]!).getByTestId("document-suspect")).toHaveTextContent("páginas 3, 7–9, 12, 20, 30–31 … e mais 1 deste PDF");
    expect(within(rows[0]!).getByRole("button", { name: "Reindexar “Aula 1”" })).toHaveAccessibleDescription(/páginas 12–14/);

    await userEvent.setup().click(screen.getByTestId("language-switch"));
    expect(within(rows[0]!).getByTestId("document-suspect")).toHaveTextContent(
      "The text of pages 12–14 of this PDF looks corrupted: check the file or upload a version with searchable text.",
    );
    expect(within(rows[3]!).getByTestId("document-suspect")).toHaveTextContent("pages 3, 7–9, 12, 20, 30–31 … and 1 more of this PDF");
    expect(within(rows[0]!).getByRole("button", { name: "Re-index “Aula 1”" })).toHaveTextContent("Re-index");
  });

  it("re-indexes a document with the teacher credential and follows it until ready", async () => {
    jest.useFakeTimers();
    window.sessionStorage.setItem("chatgepeto.teacherToken", "prof-123");
    let status: DocumentInfo["status"] = "ready";
    let suspect = [12, 13, 14];
    const { calls } = library(() => [doc({ status, suspect_pages: suspect, progress: status === "ready" ? 1 : 0.4 })], {
      "POST /api/documents/d1/reindex": () => {
        status = "queued";
        return json(doc({ status: "queued", progress: 0, chunks: 0, suspect_pages: [] }), 202);
      },
    });
    renderLibrary();
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const button = await screen.findByRole("button", { name: "Reindexar “Fotossíntese”" });
    expect(button).toHaveAttribute("aria-disabled", "false");
    await user.click(button);

    const post = calls.find((c) => c.method === "POST");
    expect(post?.url).toBe("/api/documents/d1/reindex");
    expect(post?.headers.get("Authorization")).toBe("Bearer prof-123");
    const row = screen.getByTestId("document-row");
    await waitFor(() => expect(row).toHaveAttribute("data-status", "queued"));
    expect(within(row).getByTestId("document-status")).toHaveTextContent("na fila");
    expect(within(row).getByTestId("document-reindex-status")).toHaveTextContent("“Fotossíntese” voltou para a fila de indexação.");
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(button).toHaveFocus();
    await user.click(button);
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);

    status = "processing";
    await act(async () => {
      jest.advanceTimersByTime(1600);
    });
    expect(await within(row).findByText("processando")).toBeInTheDocument();
    expect(row).toHaveTextContent("40%");
    status = "ready";
    suspect = [];
    await act(async () => {
      jest.advanceTimersByTime(1600);
    });
    await waitFor(() => expect(row).toHaveAttribute("data-status", "ready"));
    expect(within(row).queryByTestId("document-suspect")).not.toBeInTheDocument();
    expect(button).toHaveAttribute("aria-disabled", "false");
    expect(within(row).queryByTestId("document-reindex-error")).not.toBeInTheDocument();
  });

  it.each([
    ["409 (already indexing)", () => json({ error: "O documento já está sendo indexado.", code: "conflict:indexing" }, 409), "já está sendo indexado"],
    ["409 with only the bare status code", () => json({ error: "busy", code: "conflict" }, 409), "já está sendo indexado"],
    ["404 (deleted meanwhile)", () => json({ error: "O documento não existe.", code: "not_found:document" }, 404), "Este documento não existe mais"],
    ["a network failure", () => Promise.reject(new TypeError("Failed to fetch")), "Não consegui falar com o servidor"],
    ["another refusal, with the server's own message", () => json({ error: "Arquivo original ausente.", code: "weird_code" }, 422), "Arquivo original ausente."],
  ])("shows the re-index failure on its row: %s", async (_name, answer, sentence) => {
    library(() => [doc({ id: "a", title: "Aula 1" }), doc({ id: "b", title: "Aula 2" })], {
      "POST /api/documents/b/reindex": answer as Handler,
    });
    renderLibrary();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Reindexar “Aula 2”" }));
    const rows = screen.getAllByTestId("document-row");
    expect(await within(rows[1]!).findByRole("alert")).toHaveTextContent(sentence);
    expect(within(rows[0]!).queryByTestId("document-reindex-error")).not.toBeInTheDocument();
    expect(rows[1]).toHaveAttribute("data-status", "ready");
    expect(within(rows[1]!).getByTestId("document-reindex")).toHaveAttribute("aria-disabled", "false");
  });

  it("on 409 shows the real status, polls it, and drops the stale message once the document is ready", async () => {
    jest.useFakeTimers();
    let listed: DocumentInfo["status"] = "ready";
    library(() => [doc({ status: listed })], {
      "POST /api/documents/d1/reindex": () => {
        listed = "processing"; // Another tab started it a moment ago.
        return json({ error: "O documento já está sendo indexado.", code: "conflict:indexing" }, 409);
      },
    });
    renderLibrary();
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(await screen.findByTestId("document-reindex"));
    const row = screen.getByTestId("document-row");
    expect(await within(row).findByTestId("document-reindex-error")).toHaveTextContent("já está sendo indexado");
    await waitFor(() => expect(row).toHaveAttribute("data-status", "processing"));
    expect(within(row).getByTestId("document-reindex-error")).toBeInTheDocument();
    expect(within(row).getByTestId("document-reindex-status")).toBeEmptyDOMElement();
    listed = "ready";
    await act(async () => {
      jest.advanceTimersByTime(1600);
    });
    await waitFor(() => expect(row).toHaveAttribute("data-status", "ready"));
    expect(within(row).queryByTestId("document-reindex-error")).not.toBeInTheDocument();
  });

  it("re-index asks for the teacher credential on 401 and retries with it", async () => {
    let status: DocumentInfo["status"] = "ready";
    const { calls } = library(() => [doc({ status })], {
      "POST /api/documents/d1/reindex": ({ headers }) => {
        if (headers.get("Authorization") !== "Bearer prof-123") return json({ error: "teachers only", code: "unauthorized" }, 401);
        status = "queued";
        return json(doc({ status }), 202);
      },
    });
    renderLibrary();
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("document-reindex"));
    const dialog = await screen.findByTestId("teacher-token-dialog");
    await user.type(within(dialog).getByTestId("teacher-token-input"), "prof-123");
    await user.click(within(dialog).getByTestId("teacher-token-submit"));
    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId("document-row")).toHaveAttribute("data-status", "queued"));
    expect(screen.queryByTestId("document-reindex-error")).not.toBeInTheDocument();
  });

  it("creates a course and switches to it", async () => {
    const { calls } = library(() => [], {
      "POST /api/collections": () => json({ id: "historia", name: "História" }, 201),
    });
    renderLibrary();
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("course-new-input"), "História");
    await user.click(screen.getByTestId("course-create"));
    expect(await screen.findByText("Curso “História” criado.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ name: "História" });
    expect(window.localStorage.getItem("chatgepeto.course")).toBe("historia");
  });
});
