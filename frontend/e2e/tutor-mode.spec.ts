/**
 * Tutor modes through the browser, against the real backend (issue 19): the teacher switches a
 * course to tutor; a student's question gets a hint and a page link into the source panel, a
 * second request a stronger hint, then the cited answer; in prova the badge changes and the
 * reply only says where to study.
 */
import { expect, test } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChatPage } from "./pages/chat-page";
import { LibraryPage } from "./pages/library-page";
import { makePdf } from "./support/pdf";

const SHOTS = path.resolve(__dirname, "screenshots");
const COURSE = "Botânica tutor";
const PDF_NAME = "frutos-da-amazonia.pdf";
const QUESTION = "Quanta cafeína tem a semente do guaraná?";
/** The fact the answer gives and a hint must not. */
const FACT = /quatro vezes mais cafe[íi]na/i;

function writeFixturePdf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, PDF_NAME);
  const pdf = makePdf(
    [
      ["Frutos da Amazônia - 1: o açaí", "O açaí é o fruto de uma palmeira das várzeas.", "A polpa do açaí é rica em antocianinas."],
      [
        "Frutos da Amazônia - 2: o guaraná",
        "O guaraná é uma trepadeira domesticada pelo povo Sateré-Mawé.",
        "A semente do guaraná tem cerca de quatro vezes mais cafeína do que o grão de café.",
      ],
      ["Frutos da Amazônia - 3: o cupuaçu", "O cupuaçu é parente do cacau.", "Da sua polpa se fazem sucos e doces."],
    ],
    "Frutos da Amazônia",
  );
  writeFileSync(file, pdf);
  return file;
}

test("tutor: hint, stronger hint, the answer; prova: places only", async ({ page }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const library = new LibraryPage(page);
  const chat = new ChatPage(page);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  let hint1 = "";

  await test.step("teacher uploads the material and switches the course to tutor", async () => {
    await library.open();
    await library.createCourse(COURSE);
    await library.upload(writeFixturePdf(testInfo.outputDir));
    await library.waitForStatus(PDF_NAME, "ready", "pronto");
    const response = await library.setTutorMode("tutor");
    expect((await response.json()).tutor_mode).toBe("tutor");
    await expect(page.getByTestId("tutor-mode-status")).toHaveText(`Modo de “${COURSE}”: Tutor.`);
    await page.locator("section.tutor-mode-form").screenshot({ path: path.join(SHOTS, "tutor-mode-library.png") });
  });

  await test.step("the student's question gets hint 1 of 2 and a page link that opens page 2", async () => {
    await page.getByTestId("nav-chat").click();
    await expect(chat.badge).toHaveAttribute("data-mode", "tutor");
    await expect(chat.badge).toContainText("Modo Tutor");
    const { answer, response } = await chat.ask(QUESTION);
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    await expect(answer.getByTestId("tutor-level")).toHaveText("Dica 1 de 2");
    await expect(page.getByRole("status").filter({ hasText: "Dica 1 de 2. Resposta pronta." })).toHaveCount(1);
    await expect(answer).not.toContainText(FACT);
    await expect(chat.citations(answer)).toHaveCount(0);
    await expect(answer.getByTestId("tutor-reveal")).toHaveCount(0);
    await expect(page.getByTestId("chat-attempt")).toBeVisible();
    const link = chat.locations(answer).filter({ hasText: "p. 2" }).first();
    await expect(link).toContainText(PDF_NAME);
    hint1 = (await answer.locator(".markdown").textContent()) ?? "";
    await page.screenshot({ path: path.join(SHOTS, "tutor-hint-1.png") });

    await link.click();
    await expect(chat.source.getByTestId("pdf-page")).toHaveAttribute("data-page", "2");
    await expect(chat.source.getByTestId("pdf-page")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await page.keyboard.press("Escape");
    await expect(chat.source).toBeHidden();
  });

  await test.step("another hint: the stronger one, still without the answer, now revealable", async () => {
    const { answer, response } = await chat.tutorStep("tutor-hint");
    expect(response.request().postDataJSON()).toMatchObject({ action: "hint" });
    await expect(answer.getByTestId("tutor-level")).toHaveText("Dica 2 de 2");
    // The stronger hint is the passage's sentence with its key terms blanked out (the backend's
    // offline cloze picks the rarest terms, so which words go blank is its choice, not checked here).
    await expect(answer).toContainText("____");
    // Whatever else it blanks, the quantity the question asks for ("quatro vezes") stays hidden.
    await expect(answer).not.toContainText(/quatro/i);
    await expect(answer).not.toContainText(FACT);
    expect(await answer.locator(".markdown").textContent()).not.toBe(hint1);
    await expect(chat.citations(answer)).toHaveCount(0);
    await answer.getByTestId("tutor-reveal").scrollIntoViewIfNeeded();
    await expect(answer.getByTestId("tutor-reveal")).toBeInViewport();
    await page.screenshot({ path: path.join(SHOTS, "tutor-hint-2.png") });
  });

  await test.step("show the answer: the fact, cited on page 2", async () => {
    const { answer, response } = await chat.tutorStep("tutor-reveal");
    expect(response.request().postDataJSON()).toMatchObject({ action: "reveal" });
    await expect(answer.getByTestId("tutor-level")).toHaveText("Resposta");
    await expect(answer).toContainText(/cafe[íi]na/i);
    await expect(chat.citations(answer).filter({ hasText: "p. 2" }).first()).toBeVisible();
    await expect(answer.getByTestId("tutor-hint")).toHaveCount(0);
    await expect(page.getByTestId("chat-attempt")).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, "tutor-answer.png") });
  });

  await test.step("in prova the badge changes and the reply gives places only", async () => {
    await page.getByTestId("nav-library").click();
    await library.setTutorMode("prova");
    await page.getByTestId("nav-chat").click();
    await expect(chat.badge).toHaveAttribute("data-mode", "prova");
    await expect(chat.badge).toContainText("Modo Prova");
    await chat.newConversation();
    const { answer } = await chat.ask(QUESTION);
    await expect(answer.getByTestId("tutor-level")).toHaveText("Onde estudar");
    await expect(answer).not.toContainText(FACT);
    await expect(chat.citations(answer)).toHaveCount(0);
    await expect(chat.locations(answer).filter({ hasText: "p. 2" }).first()).toBeVisible();
    for (const id of ["tutor-hint", "tutor-reveal"]) await expect(answer.getByTestId(id)).toHaveCount(0);
    await expect(page.getByTestId("chat-attempt")).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, "prova-reply.png") });
  });

  expect(problems, "no errors in the browser console").toEqual([]);
});
