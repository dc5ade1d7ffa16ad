/**
 * The chat in the address bar (issue 14): asking gives the conversation its URL, a reload keeps
 * it, back and forward move between conversations, another browser (another client id) is told
 * the conversation is not available here; `<html lang>` follows the language switch, from the
 * server's first byte after a reload; an unknown address shows the not-found page.
 */
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChatPage } from "./pages/chat-page";
import { LibraryPage } from "./pages/library-page";

const SHOTS = path.resolve(__dirname, "screenshots");
const COURSE = "Endereços do chat";
const DOC_NAME = "frutas-do-cerrado.md";
const FIRST = "De que cor é a polpa do pequi?";
const SECOND = "Quando o baru dá frutos?";
const CONVERSATION = /\/c\/[^/?]+\?curso=/;

function writeDocument(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DOC_NAME);
  writeFileSync(
    file,
    [
      "# Frutas do cerrado",
      "",
      "## O pequi",
      "",
      "A polpa do pequi é amarela e envolve uma camada de espinhos finos.",
      "",
      "## O baru",
      "",
      "O baru dá frutos entre setembro e outubro, no fim da estação seca.",
    ].join("\n"),
  );
  return file;
}

/** Every error the page logs (hydration mismatches included). */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  return problems;
}

test.describe.configure({ mode: "serial" });

// The course goes when the spec ends, as in source-panel.spec.ts: the specs after this one
// expect a fresh browser to land in the default course.
test.afterAll(async ({ request }) => {
  const { collections } = (await (await request.get("/api/collections")).json()) as { collections: { id: string; name: string }[] };
  for (const course of collections.filter((c) => c.name === COURSE)) {
    expect((await request.delete(`/api/collections/${course.id}`)).status()).toBe(204);
  }
});

test("the conversation and the course live in the URL: reload, back, another browser", async ({ page, browser }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const problems = watchErrors(page);
  const library = new LibraryPage(page);
  const chat = new ChatPage(page);

  await test.step("a teacher uploads a file to a course of their own; the course is in the URL", async () => {
    await library.open();
    await library.createCourse(COURSE);
    await expect(page).toHaveURL(/\/library\?curso=/);
    await library.upload(writeDocument(testInfo.outputDir));
    await library.waitForStatus(DOC_NAME, "ready", "pronto");
  });
  const course = new URL(page.url()).searchParams.get("curso");
  expect(course).toBeTruthy();

  let first = "";
  await test.step("asking gives the conversation its URL; the chat link keeps the course", async () => {
    await page.getByTestId("nav-chat").click();
    await expect(page).toHaveURL(`/?curso=${course}`);
    const { answer } = await chat.ask(FIRST);
    await expect(answer).toContainText(/amarela/i);
    await expect(page).toHaveURL(CONVERSATION);
    first = page.url();
    expect(new URL(first).searchParams.get("curso")).toBe(course);
  });

  await test.step("a reload shows the same conversation, in its course", async () => {
    await page.reload();
    await expect(chat.answers).toHaveCount(1);
    await expect(chat.answers.first()).toContainText(/amarela/i);
    await expect(page.getByText(FIRST, { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("course-select")).toHaveValue(course!);
    await expect(page.getByTestId("conversation-item").filter({ hasText: FIRST })).toHaveAttribute("aria-current", "true");
    await page.screenshot({ path: path.join(SHOTS, "conversation-url-reloaded.png") });
  });

  let second = "";
  await test.step("a new conversation, then the first one again from the list", async () => {
    await chat.newConversation();
    await expect(page).toHaveURL(`/?curso=${course}`);
    const { answer } = await chat.ask(SECOND);
    await expect(answer).toContainText(/setembro/i);
    await expect(page).toHaveURL(CONVERSATION);
    second = page.url();
    expect(second).not.toBe(first);
    await chat.openConversation(FIRST);
    await expect(page).toHaveURL(first);
    await expect(chat.answers.first()).toContainText(/amarela/i);
  });

  await test.step("back and forward walk the conversations", async () => {
    await page.goBack();
    await expect(page).toHaveURL(second);
    await expect(chat.answers).toHaveCount(1);
    await expect(chat.answers.first()).toContainText(/setembro/i);
    await page.goBack();
    await expect(page).toHaveURL(`/?curso=${course}`);
    await expect(page.getByTestId("chat-empty")).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(first);
    await expect(chat.answers.first()).toContainText(/amarela/i);
    await page.goForward();
    await expect(page.getByTestId("chat-empty")).toBeVisible();
  });

  await test.step("another browser (another client id) is told the conversation is not available, in its language", async () => {
    for (const [locale, title, lang] of [
      ["pt-BR", "Esta conversa não está disponível", "pt-BR"],
      ["en-US", "This conversation is not available", "en"],
    ] as const) {
      const other = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      const stranger = await other.newPage();
      const strangerProblems = watchErrors(stranger);
      const strangerChat = new ChatPage(stranger);
      await stranger.goto(first);
      await expect(strangerChat.unavailable).toBeVisible();
      await expect(strangerChat.unavailable.getByRole("heading", { name: title })).toBeFocused();
      await expect(stranger.locator("html")).toHaveAttribute("lang", lang);
      await expect(stranger.getByTestId("chat-input")).toHaveCount(0);
      await expect(strangerChat.answers).toHaveCount(0);
      if (locale === "pt-BR") await stranger.screenshot({ path: path.join(SHOTS, "conversation-url-unavailable.png") });
      await stranger.getByTestId("unavailable-new").click();
      await expect(stranger).toHaveURL(`/?curso=${course}`);
      await expect(stranger.getByTestId("chat-input")).toBeVisible();
      // 404 responses are logged by the browser itself; anything else is a problem.
      expect(strangerProblems.filter((p) => !p.includes("404"))).toEqual([]);
      await other.close();
    }
  });

  await test.step("<html lang> follows the language switch, and the server renders it after a reload", async () => {
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const reloaded = await page.reload();
    expect(await reloaded!.text()).toMatch(/<html lang="en"/);
    await expect(page.getByTestId("chat-send")).toHaveText("Send");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
    expect(await (await page.reload())!.text()).toMatch(/<html lang="pt-BR"/);
  });

  expect(problems, "no errors in the browser console (hydration included)").toEqual([]);
});

test("an unknown address shows the not-found page, translated, with a way back to the chat", async ({ page }) => {
  const problems = watchErrors(page);
  const response = await page.goto("/nao-existe/mesmo");
  expect(response!.status()).toBe(404);
  const notice = page.getByTestId("not-found");
  await expect(notice.getByRole("heading", { name: "Página não encontrada" })).toBeFocused();
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
  await page.screenshot({ path: path.join(SHOTS, "not-found.png") });
  await page.getByTestId("language-switch").click();
  await expect(notice.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByTestId("not-found-home").click();
  await expect(page).toHaveURL(/\/\?curso=/);
  await expect(page.getByTestId("chat-input")).toBeVisible();
  expect(problems.filter((p) => !p.includes("404"))).toEqual([]);
});
