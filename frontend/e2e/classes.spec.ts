/**
 * Classes (issue 16) against the second server pair, whose backend has an ADMIN_TOKEN (so this
 * machine is no admin): the admin invites a teacher through the API; the teacher sets a password
 * from the link, signs in, creates a turma course, uploads a PDF and makes a student link; a
 * student (a second browser context) joins by the link and gets a cited answer; a stranger (a
 * third context) sees nothing of the course; the teacher revokes the link and the student loses it.
 */
import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChatPage } from "./pages/chat-page";
import { LibraryPage } from "./pages/library-page";
import { makePdf } from "./support/pdf";
import { classesAdminToken } from "./support/servers";

const SHOTS = path.resolve(__dirname, "screenshots");
const COURSE = "Astronomia 7B";
const PDF_NAME = "planetas.pdf";
const EMAIL = "professora.lia@escola.example";
const TEACHER = "Lia Prado";
const PASSWORD = "uma-senha-bem-longa-42";

function writePdf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, PDF_NAME);
  writeFileSync(
    file,
    makePdf(
      [
        [
          "Planetas gasosos",
          "Júpiter é o maior planeta do Sistema Solar e tem a Grande Mancha Vermelha.",
          "A Grande Mancha Vermelha de Júpiter é uma tempestade maior que a Terra.",
        ],
        [
          "Anéis",
          "Saturno tem os anéis mais visíveis, feitos de gelo e poeira.",
          "Os anéis de Saturno têm poucas dezenas de metros de espessura.",
        ],
      ],
      "Planetas",
    ),
  );
  return file;
}

/** Every error a page logs (console and uncaught), for the last check. */
function watch(page: Page, problems: string[], who: string) {
  page.on("pageerror", (error) => problems.push(`${who}: ${error.message}`));
  page.on("console", (message) => {
    // A refused call shows in the console as a failed resource; what the page does with it is checked.
    if (message.type() === "error" && !/status of (401|404|410)/.test(message.text())) problems.push(`${who}: ${message.text()}`);
  });
}

async function newBrowser(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: "pt-BR", viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

test("a teacher's private course: invitation, sign-in, student link, join, a stranger sees nothing, revoke", async ({ page, browser }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const baseURL = testInfo.project.use.baseURL;
  const problems: string[] = [];
  watch(page, problems, "teacher");
  let courseId = "";
  let joinPath = "";
  let code = "";

  await test.step("the admin invites the teacher through the API (ADMIN_TOKEN)", async () => {
    const admin = await playwrightRequest.newContext({ baseURL });
    const refused = await admin.post("/api/auth/invitations", { data: { email: EMAIL, name: TEACHER } });
    expect(refused.status(), "without the token this machine is no admin here").toBe(401);
    const invited = await admin.post("/api/auth/invitations", {
      data: { email: EMAIL, name: TEACHER },
      headers: { Authorization: `Bearer ${classesAdminToken}` },
    });
    expect(invited.status()).toBe(201);
    const body = (await invited.json()) as { path: string; token: string };
    expect(body.path).toMatch(/^\/entrar\/senha\?token=/);
    joinPath = body.path; // reused below for the password page
    await admin.dispose();
  });

  await test.step("the teacher opens the link, sets a password and lands in Meus cursos, signed in", async () => {
    await page.goto(joinPath);
    await expect(page.getByRole("heading", { name: "Criar sua senha" })).toBeVisible();
    await page.getByTestId("set-password-input").fill("curta");
    await page.getByTestId("set-password-repeat").fill("curta");
    await page.getByTestId("set-password-submit").click();
    await expect(page.getByTestId("set-password-error")).toHaveText("A senha precisa de pelo menos 10 caracteres.");
    await page.getByTestId("set-password-input").fill(PASSWORD);
    await page.getByTestId("set-password-repeat").fill(PASSWORD);
    await page.getByTestId("set-password-submit").click();
    await expect(page).toHaveURL(/\/meus-cursos$/);
    await expect(page.getByTestId("nav-teacher")).toHaveText(TEACHER);
    await expect(page.getByTestId("my-courses-empty")).toBeVisible();
  });

  await test.step("signing out and in again: a wrong password is refused, the right one opens Meus cursos", async () => {
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/entrar$/);
    await expect(page.getByTestId("nav-sign-in")).toHaveText("Entrar");
    await page.getByTestId("sign-in-email").fill(EMAIL);
    await page.getByTestId("sign-in-password").fill("senha-errada-123");
    await page.getByTestId("sign-in-submit").click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("E-mail ou senha incorretos.");
    await page.getByTestId("sign-in-password").fill(PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    await expect(page).toHaveURL(/\/meus-cursos$/);
    await expect(page.getByTestId("nav-my-courses")).toHaveAttribute("aria-current", "page");
  });

  await test.step("the teacher creates a turma course (the default) and uploads a PDF to it", async () => {
    await page.getByTestId("new-course-name").fill(COURSE);
    await expect(page.getByTestId("new-course-visibility-turma")).toBeChecked();
    const created = page.waitForResponse((r) => r.url().endsWith("/api/collections") && r.request().method() === "POST");
    await page.getByTestId("new-course-create").click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().headers()["x-csrf-token"], "a cookie write carries the CSRF token").toBeTruthy();
    courseId = ((await response.json()) as { id: string }).id;
    expect(courseId).not.toBe("astronomia-7b"); // slug plus a random suffix
    const card = page.locator(`[data-testid="my-course"][data-id="${courseId}"]`);
    await expect(card.getByTestId("my-course-name")).toHaveText(COURSE);
    await expect(card.getByTestId("my-course-visibility")).toHaveText("Turma");
    await card.getByTestId("course-link-library").click();
    await expect(page).toHaveURL(`/library?curso=${courseId}`);
    const library = new LibraryPage(page);
    await expect(page.getByTestId("course-current")).toHaveText(COURSE);
    await library.upload(writePdf(testInfo.outputDir));
    await library.waitForStatus(PDF_NAME, "ready", "pronto");
  });

  await test.step("the teacher creates a student link and shows its QR code", async () => {
    await page.getByTestId("nav-my-courses").click();
    const card = page.locator(`[data-testid="my-course"][data-id="${courseId}"]`);
    await expect(card.getByTestId("invitations-empty")).toBeVisible();
    await card.getByTestId("invitation-create").click();
    const row = card.getByTestId("invitation-row");
    await expect(row).toHaveCount(1);
    code = (await row.getByTestId("invitation-code").textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    joinPath = `/entrar/turma/${code}`;
    await expect(row.getByTestId("invitation-url")).toHaveText(`${baseURL}${joinPath}`);
    await expect(row.getByTestId("invitation-passes")).toHaveText("entradas: 0");
    await row.getByTestId("invitation-qr-toggle").click();
    const qr = row.getByRole("img", { name: `QR code do link da turma de ${COURSE}` });
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute("data-text", `${baseURL}${joinPath}`);
    await page.screenshot({ path: path.join(SHOTS, "classes-my-courses-qr.png"), fullPage: true });
  });

  const student = await newBrowser(browser, baseURL);
  watch(student.page, problems, "student");
  const chat = new ChatPage(student.page);

  await test.step("the student opens the link, sees the course and what they get, joins and gets a cited answer", async () => {
    await student.page.goto(joinPath);
    await expect(student.page.getByRole("heading", { name: `Entrar na turma de ${COURSE}` })).toBeVisible();
    await expect(student.page.getByTestId("join-preview")).toContainText("citações");
    await student.page.getByTestId("join-accept").click();
    await expect(student.page).toHaveURL(`/?curso=${courseId}`);
    await expect(student.page.getByTestId("course-select")).toHaveValue(courseId);
    const { answer, response } = await chat.ask("O que é a Grande Mancha Vermelha de Júpiter?");
    expect(response.status()).toBe(200);
    await expect(answer).toContainText(/tempestade/i);
    await expect(chat.citations(answer).first()).toBeVisible();
    await expect(chat.citations(answer).first()).toContainText(/p\. 1/);
  });

  await test.step("the teacher's link counts the student's pass", async () => {
    await page.reload();
    const row = page.locator(`[data-testid="my-course"][data-id="${courseId}"]`).getByTestId("invitation-row");
    await expect(row.getByTestId("invitation-passes")).toHaveText("entradas: 1");
  });

  await test.step("a stranger without the link sees nothing of the course, in the UI or the API", async () => {
    const stranger = await newBrowser(browser, baseURL);
    watch(stranger.page, problems, "stranger");
    await stranger.page.goto("/");
    await expect(stranger.page.getByTestId("course-select")).toBeEnabled();
    await expect(stranger.page.getByTestId("course-select").locator("option")).not.toContainText([COURSE]);
    const list = (await (await stranger.page.request.get("/api/collections")).json()) as { collections: { id: string }[] };
    expect(list.collections.map((c) => c.id)).not.toContain(courseId);
    expect((await stranger.page.request.get(`/api/documents?collection=${courseId}`)).status()).toBe(404);
    const search = await stranger.page.request.post("/api/search", { data: { query: "Júpiter", collection: courseId } });
    expect(search.status()).toBe(404);
    // The course's own address falls back to another course and says so.
    await stranger.page.goto(`/library?curso=${courseId}`);
    await expect(stranger.page.getByTestId("course-gone")).toBeVisible();
    await expect(stranger.page.getByTestId("document-list")).not.toContainText(PDF_NAME);
    await stranger.context.close();
  });

  await test.step("the teacher revokes the link after confirming", async () => {
    const row = page.locator(`[data-testid="my-course"][data-id="${courseId}"]`).getByTestId("invitation-row");
    await row.getByTestId("invitation-revoke").click();
    await expect(page.getByTestId("confirm-dialog")).toContainText(code);
    const revoked = page.waitForResponse((r) => r.url().includes("/api/invitations/") && r.request().method() === "DELETE");
    await page.getByTestId("confirm-accept").click();
    expect((await revoked).status()).toBe(204);
    await expect(row).toHaveAttribute("data-active", "false");
    await expect(row.getByTestId("invitation-meta")).toContainText("revogado");
  });

  await test.step("the student's next question finds the course gone: a clear notice, the course leaves the list", async () => {
    await student.page.getByTestId("chat-input").fill("Do que são feitos os anéis de Saturno?");
    const asked = student.page.waitForResponse((r) => r.url().endsWith("/api/chat") && r.request().method() === "POST");
    await student.page.getByTestId("chat-send").click();
    await asked; // 200: an event stream whose error event says not_found:collection
    await expect(student.page.getByTestId("course-gone")).toContainText("não está mais disponível neste navegador");
    await expect(student.page.getByTestId("course-select").locator("option")).not.toContainText([COURSE]);
    await expect(student.page.getByTestId("course-select")).not.toHaveValue(courseId);
  });

  await test.step("the revoked link says so, without naming the course; an unknown code says it does not exist", async () => {
    await student.page.goto(joinPath);
    await expect(student.page.getByRole("heading", { name: "Este link foi revogado" })).toBeVisible();
    await expect(student.page.getByTestId("join-failed")).toContainText("Peça um link novo ao professor.");
    await expect(student.page.getByTestId("join-failed")).not.toContainText(COURSE);
    await student.page.getByTestId("join-code-input").fill("ZZZZZZZZZZ");
    await student.page.getByTestId("join-code-submit").click();
    await expect(student.page).toHaveURL(/\/entrar\/turma\/ZZZZZZZZZZ$/);
    await expect(student.page.getByRole("heading", { name: "Este link não existe" })).toBeVisible();
  });

  await student.context.close();
  expect(problems).toEqual([]);
});
