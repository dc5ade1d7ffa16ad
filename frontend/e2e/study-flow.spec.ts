/**
 * The whole product through the browser, against the real backend: a teacher uploads a PDF (and
 * re-indexes it), a student asks about a fact on its second page and opens the cited source; then English.
 */
import { expect, test } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChatPage } from "./pages/chat-page";
import { LibraryPage } from "./pages/library-page";
import { makePdf } from "./support/pdf";

const SHOTS = path.resolve(__dirname, "..", "test-results");
const PDF_NAME = "plantas-amazonicas.pdf";
const QUESTION = "Quanta cafeína tem a semente do guaraná?";

function writeFixturePdf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, PDF_NAME);
  const pdf = makePdf(
    [
      [
        "Plantas da Amazônia - Capítulo 1: a mandioca",
        "A mandioca é uma raiz cultivada pelos povos indígenas há milhares de anos.",
        "Dela se fazem a farinha, a tapioca e o tucupi, usado no pato no tucupi.",
        "A mandioca brava precisa ser processada para eliminar substâncias tóxicas.",
      ],
      [
        "Plantas da Amazônia - Capítulo 2: o guaraná",
        "O guaraná é uma trepadeira nativa da Amazônia, domesticada pelo povo Sateré-Mawé.",
        "A semente do guaraná tem cerca de quatro vezes mais cafeína do que o grão de café.",
        "Por isso o guaraná em pó é usado como estimulante natural.",
      ],
    ],
    "Plantas da Amazônia",
  );
  writeFileSync(file, pdf);
  return file;
}

test.describe.configure({ mode: "serial" });

test("upload a PDF, ask about page 2, open the cited source, switch to English", async ({ page }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const pdf = writeFixturePdf(testInfo.outputDir);
  const library = new LibraryPage(page);
  const chat = new ChatPage(page);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));

  await test.step("teacher uploads the PDF and it becomes ready", async () => {
    await library.open();
    await library.upload(pdf);
    await library.waitForStatus(PDF_NAME, "ready", "pronto");
    await page.screenshot({ path: path.join(SHOTS, "library.png"), fullPage: true });
  });

  await test.step("teacher re-indexes it: back in the queue, then ready again, with no corrupted-text warning", async () => {
    const response = await library.reindex(PDF_NAME);
    expect(response.status()).toBe(202);
    const body = await response.json();
    expect(body.status).toBe("queued");
    expect(body.suspect_pages).toEqual([]);
    await expect(library.row(PDF_NAME).getByTestId("document-reindex-status")).toContainText("voltou para a fila");
    await library.waitForStatus(PDF_NAME, "ready", "pronto");
    await expect(library.row(PDF_NAME).getByTestId("document-suspect")).toHaveCount(0);
    await expect(library.row(PDF_NAME).getByTestId("document-reindex-error")).toHaveCount(0);
  });

  await test.step("student asks about page 2 and gets a streamed, cited answer", async () => {
    await page.getByTestId("nav-chat").click();
    await expect(page.getByTestId("chat-input")).toBeVisible();
    const { answer, response } = await chat.ask(QUESTION);
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    await expect(answer).not.toHaveAttribute("data-mode", "refused");
    await expect(answer).toContainText(/cafeína/i);
    const cited = chat.citations(answer).filter({ hasText: "p. 2" });
    await expect(cited.first()).toBeVisible();
    await expect(cited.first()).toContainText(/plantas-amazonicas|Plantas da Amazônia/i);
    await page.screenshot({ path: path.join(SHOTS, "chat-cited-answer.png"), fullPage: true });

    await cited.first().click();
    await expect(chat.source).toBeVisible();
    await expect(chat.source.getByTestId("pdf-page")).toHaveAttribute("data-page", "2");
    await expect(chat.source.getByTestId("pdf-page")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(chat.source.getByTestId("source-highlight").first()).toContainText("guaraná");
    await expect(chat.source.getByTestId("source-download")).toHaveAttribute("href", /\/api\/documents\/[^/]+\/file$/);
    await page.screenshot({ path: path.join(SHOTS, "chat-passage.png") });
    const href = await chat.source.getByTestId("source-download").getAttribute("href");
    const file = await page.request.get(href!);
    expect(file.headers()["content-type"]).toContain("application/pdf");
    await page.keyboard.press("Escape");
    await expect(chat.source).toBeHidden();
  });

  await test.step("an unrelated question is refused honestly, not shown as an error", async () => {
    const { answer } = await chat.ask("Qual é a capital da Austrália?");
    await expect(answer).toHaveAttribute("data-mode", "refused");
    await expect(answer.getByTestId("answer-refused")).toBeVisible();
  });

  await test.step("feedback and the refusal reach the teacher's unanswered questions", async () => {
    const first = chat.answers.first();
    await first.getByTestId("feedback-down").click();
    await first.getByTestId("feedback-comment").fill("Faltou dizer de onde vem o nome.");
    const sent = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
    await first.getByTestId("feedback-comment-send").click();
    expect((await sent).status()).toBe(201);
    await page.getByTestId("nav-insights").click();
    await expect(page.getByTestId("insight-refused")).toContainText("Qual é a capital da Austrália?");
    await expect(page.getByTestId("insight-thumbs-down")).toContainText("Faltou dizer de onde vem o nome.");
    await page.screenshot({ path: path.join(SHOTS, "insights.png"), fullPage: true });
  });

  await test.step("the English switch is remembered and shows 'ready'", async () => {
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByTestId("nav-library").click();
    await library.waitForStatus(PDF_NAME, "ready", "ready", 15_000);
    await page.reload();
    await expect(library.row(PDF_NAME).getByTestId("document-status")).toHaveText("ready");
  });

  expect(problems, "no errors in the browser console (hydration included)").toEqual([]);
});

test("phone width and dark mode stay readable", async ({ browser }) => {
  // Conversations belong to the browser's cookie, so each new context asks its own question.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "pt-BR" });
  const page = await phone.newPage();
  const chat = new ChatPage(page);
  await chat.open();
  const { answer } = await chat.ask(QUESTION);
  await expect(chat.citations(answer).first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, "phone-390-chat.png") });
  await page.getByTestId("conversations-toggle").click();
  await expect(page.getByTestId("conversation-item")).toHaveCount(1);
  await page.screenshot({ path: path.join(SHOTS, "phone-390-conversations.png") });
  await new LibraryPage(page).open();
  await expect(page.getByTestId("document-row").first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "phone-390-library.png"), fullPage: true });
  await phone.close();

  const dark = await browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
  const darkPage = await dark.newPage();
  const darkChat = new ChatPage(darkPage);
  await darkChat.open();
  await darkChat.ask(QUESTION);
  await darkChat.ask("Qual é a capital da Austrália?");
  const background = await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(20, 22, 20)");
  await darkPage.screenshot({ path: path.join(SHOTS, "dark-chat.png") });
  await new LibraryPage(darkPage).open();
  await expect(darkPage.getByTestId("document-row").first()).toBeVisible();
  await darkPage.screenshot({ path: path.join(SHOTS, "dark-library.png"), fullPage: true });
  await dark.close();
});

test("an upload over the size limit shows the backend's refusal in the student's language", async ({ page }, testInfo) => {
  mkdirSync(testInfo.outputDir, { recursive: true });
  const big = path.join(testInfo.outputDir, "grande-demais.txt");
  writeFileSync(big, Buffer.alloc(51 * 1024 * 1024, "a"));
  const library = new LibraryPage(page);
  await library.open();
  const refused = page.waitForResponse((r) => r.url().endsWith("/api/documents") && r.request().method() === "POST");
  await library.upload(big);
  const response = await refused;
  expect(response.status()).toBe(413);
  expect((await response.json()).code).toBe("too_large");
  await expect(page.getByTestId("upload-error")).toContainText("grande demais");
});

test("keyboard only: every control is reachable and shows focus", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("skip-link")).toBeFocused();
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      return { id: el.dataset.testid ?? el.tagName, outline: style.outlineStyle !== "none" && style.outlineWidth !== "0px" };
    });
    if (!info || info.id === "BODY") break; // Past the last control, focus leaves the page.
    seen.add(info.id);
    expect(info.outline, `${info.id} shows a focus ring`).toBe(true);
  }
  for (const id of ["nav-chat", "nav-library", "course-select", "language-switch", "chat-input"]) expect(seen).toContain(id);
});
