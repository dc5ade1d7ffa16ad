import { createApiClient } from "@/lib/api-client";
import { FakeXhr, json, mockFetch } from "../helpers/fake-backend";
import { failure } from "../helpers/failure";

const teacher = { id: "t1", email: "ana@escola.br", name: "Ana" };
const session = (csrf: string | null) => ({ teacher: csrf ? teacher : null, csrf_token: csrf, oidc_available: false, oidc_label: null });

describe("api client: the teacher session's CSRF token", () => {
  it("sends X-CSRF-Token on every cookie write after sign-in, never on reads, and forgets it on sign-out", async () => {
    const { calls } = mockFetch({
      "POST /api/auth/sign-in": () => json(session("tok-1")),
      "POST /api/collections": () => json({ id: "fisica-x7", name: "Física", visibility: "turma" }, 201),
      "PUT /api/collections/fisica-x7/access": () => json({ id: "fisica-x7", name: "Física", documents: 0 }),
      "GET /api/collections/fisica-x7/invitations": () => json({ invitations: [] }),
      "DELETE /api/invitations/i1": () => json(null, 204),
      "POST /api/auth/sign-out": () => json(session(null)),
      "DELETE /api/documents/d1": () => json(null, 204),
    });
    const client = createApiClient();
    expect((await client.signIn("ana@escola.br", "senha-longa-1")).teacher).toEqual(teacher);
    expect(calls[0]!.body).toEqual({ email: "ana@escola.br", password: "senha-longa-1" });
    expect(calls[0]!.headers.has("X-CSRF-Token")).toBe(false);

    await client.createCollection("Física", "turma");
    await client.setCourseAccess("fisica-x7", { visibility: "aberto", retention_days: 30 });
    await client.listInvitations("fisica-x7");
    await client.revokeInvitation("i1");
    expect(calls.slice(1).map((c) => [c.method, c.headers.get("X-CSRF-Token")])).toEqual([
      ["POST", "tok-1"],
      ["PUT", "tok-1"],
      ["GET", null],
      ["DELETE", "tok-1"],
    ]);
    expect(calls[1]!.body).toEqual({ name: "Física", visibility: "turma" });
    expect(calls[2]!.body).toEqual({ visibility: "aberto", retention_days: 30 });

    await client.signOut();
    expect(calls.at(-1)!.headers.get("X-CSRF-Token")).toBe("tok-1"); // a signed-in sign-out needs it
    await client.deleteDocument("d1");
    expect(calls.at(-1)!.headers.has("X-CSRF-Token")).toBe(false);
  });

  it("takes the token from GET /api/auth/session (a reload) and sends it on uploads too", async () => {
    FakeXhr.install();
    mockFetch({ "GET /api/auth/session": () => json(session("tok-2")) });
    const client = createApiClient();
    await client.getSession();
    const upload = client.uploadDocument(new File(["x"], "a.pdf"), { collection: "fisica-x7" });
    await Promise.resolve();
    const xhr = FakeXhr.instances[0]!;
    expect(xhr.headers["x-csrf-token"]).toBe("tok-2");
    xhr.respond(201, { id: "d1" });
    await upload;
  });

  it("accepts an invitation link's password and creates student links with an expiry or none", async () => {
    const invitation = { id: "i1", course_id: "c", code: "7K3M9Q2XBD", path: "/entrar/turma/7K3M9Q2XBD", created_at: "2026-01-01T00:00:00Z", passes: 0 };
    const { calls } = mockFetch({
      "POST /api/auth/accept": () => json(session("tok-3")),
      "POST /api/collections/c/invitations": () => json(invitation, 201),
    });
    const client = createApiClient();
    await client.acceptInvitation("abc", "uma-senha-longa");
    expect(calls[0]!.body).toEqual({ token: "abc", password: "uma-senha-longa" });
    expect(await client.createInvitation("c", 7)).toEqual(invitation);
    await client.createInvitation("c", null);
    expect(calls.slice(1).map((c) => [c.body, c.headers.get("X-CSRF-Token")])).toEqual([
      [{ expires_in_days: 7 }, "tok-3"],
      [{ expires_in_days: null }, "tok-3"],
    ]);
  });
});

describe("api client: joining and refusals", () => {
  it("previews and joins by code, and reports the 410 and 404 codes", async () => {
    const course = { id: "fisica-x7", name: "Física", documents: 1, visibility: "turma" };
    const { calls } = mockFetch({
      "GET /api/join/7K3M9Q2XBD": () => json({ course }),
      "POST /api/join": () => json({ course }),
      "GET /api/join/OLD": () => json({ error: "Este link expirou.", code: "gone:invitation_expired" }, 410),
      "GET /api/join/NOPE": () => json({ error: "Este convite não existe.", code: "not_found:invitation" }, 404),
    });
    const client = createApiClient();
    expect(await client.previewJoin("7K3M9Q2XBD")).toEqual(course);
    expect(await client.join("7K3M9Q2XBD")).toEqual(course);
    expect(calls[1]!.body).toEqual({ code: "7K3M9Q2XBD" });
    expect(await failure(client.previewJoin("OLD"))).toMatchObject({ status: 410, code: "gone:invitation_expired" });
    expect(await failure(client.previewJoin("NOPE"))).toMatchObject({ status: 404, code: "not_found:invitation" });
  });

  it("keeps Retry-After of a 429 as seconds", async () => {
    mockFetch({
      "POST /api/auth/sign-in": () =>
        new Response(JSON.stringify({ error: "Muitas tentativas", code: "rate_limited" }), {
          status: 429,
          headers: { "Content-Type": "application/json", "Retry-After": "90" },
        }),
    });
    const error = await failure(createApiClient().signIn("a@b.c", "x"));
    expect([error.status, error.code, error.retryAfterS]).toEqual([429, "rate_limited", 90]);
  });

  it("points the OIDC button at the backend's start with the page to return to", () => {
    expect(createApiClient().oidcStartUrl()).toBe("/api/auth/oidc/start?next=%2Fmeus-cursos");
  });
});
