/**
 * Study tools through the browser, against the real backend (issue 18): a teacher uploads a PDF,
 * generates items from it, approves three; a student (another browser context, so another client
 * id) opens "Estudar", flips and grades a flashcard, answers a quiz question and sees the cited
 * passage, opening its page; the teacher's statistics then count that answer.
 */
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LibraryPage } from "./pages/library-page";
import { StudyBankPage, StudyPage } from "./pages/study-page";
import { makePdf } from "./support/pdf";

const SHOTS = path.resolve(__dirname, "screenshots");
const COURSE = "Biologia estudos";
const PDF_NAME = "fotossintese.pdf";

function writeFixturePdf(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, PDF_NAME);
  const pdf = makePdf(
    [
      [
        "Fotossíntese - Capítulo 1: a luz",
        "Clorofila: o pigmento verde que absorve a luz vermelha e a luz azul.",
        "O Ciclo de Calvin é a etapa da fotossíntese que fixa o gás carbônico em açúcar.",
        "O papel da luz nas plantas foi descrito pelo médico holandês Jan Ingenhousz em 1779.",
        "Uma folha de espinafre realiza a fotossíntese com cerca de 40 cloroplastos em cada célula.",
      ],
      [
        "Fotossíntese - Capítulo 2: o cloroplasto",
        "Estroma: o líquido interno do cloroplasto, onde ocorre a fase escura.",
        "Em 1954, o bioquímico Melvin Calvin descreveu a fixação do carbono.",
        "O oxigênio liberado pelas plantas vem da quebra da molécula de água.",
        "Cada molécula de glicose guarda a energia de 6 moléculas de gás carbônico.",
      ],
    ],
    "Fotossíntese",
  );
  writeFileSync(file, pdf);
  return file;
}

/** Collect the page's errors (console and uncaught) for the last check. */
function watch(page: Page, problems: string[], who: string) {
  page.on("pageerror", (error) => problems.push(`${who}: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && problems.push(`${who}: ${message.text()}`));
}

test("teacher generates and approves study items; a student practises them; the statistics count the answer", async ({ page, browser }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  watch(page, problems, "teacher");
  const library = new LibraryPage(page);
  const bank = new StudyBankPage(page);
  /** Approved items: id -> expected answer and source page. */
  const approved = new Map<string, { question: string; answer: string; page: string; kind: string }>();
  let courseUrl = "";

  await test.step("teacher uploads the PDF and generates items from the course", async () => {
    await library.open();
    await library.createCourse(COURSE);
    await library.upload(writeFixturePdf(testInfo.outputDir));
    await library.waitForStatus(PDF_NAME, "ready", "pronto");
    await bank.openFromLibrary();
    expect(new URL(page.url()).pathname).toBe("/library/study");
    courseUrl = new URL(page.url()).search;
    const generated = page.waitForResponse((r) => r.url().endsWith("/study/generate") && r.request().method() === "POST");
    const done = await bank.generate();
    // Today's backend answers 200 (synchronous); the job contract answers 202 and is polled.
    expect([200, 202]).toContain((await generated).status());
    await expect(done).toContainText(/novas? perguntas? em rascunho/);
    await expect(bank.items.first()).toBeVisible();
    expect(await bank.items.count()).toBeGreaterThanOrEqual(3);
  });

  await test.step("teacher approves three drafts at once: a flashcard and two quiz items", async () => {
    const flashcards = bank.ofKind("flashcard");
    const quizzes = bank.items.and(page.locator('[data-status="draft"]:not([data-kind="flashcard"])'));
    expect(await flashcards.count(), "the offline generator made a flashcard").toBeGreaterThanOrEqual(1);
    expect(await quizzes.count(), "the offline generator made two quiz items").toBeGreaterThanOrEqual(2);
    const chosen = [flashcards.nth(0), quizzes.nth(0), quizzes.nth(1)];
    const ids: string[] = [];
    for (const row of chosen) {
      const id = (await row.getAttribute("data-id"))!;
      ids.push(id);
      approved.set(id, {
        question: (await row.getByTestId("study-item-question").textContent()) ?? "",
        answer: (await row.getByTestId("study-item-answer").textContent()) ?? "",
        page: (await row.getByTestId("study-source").getAttribute("data-page")) ?? "",
        kind: (await row.getAttribute("data-kind")) ?? "",
      });
    }
    await bank.approveSelected(ids);
    await expect(page.getByTestId("study-filter-approved")).toHaveText("Aprovadas (3)");
    // The source link opens the item's page in the source panel.
    const first = bank.item(ids[1]!);
    await first.getByTestId("study-source").click();
    await expect(page.getByTestId("source-panel").getByTestId("pdf-page")).toHaveAttribute("data-page", approved.get(ids[1]!)!.page);
    await page.getByTestId("source-close").click();
    await page.getByTestId("study-filter-approved").click();
    await expect(bank.items).toHaveCount(3);
    await page.getByTestId("study-bank").screenshot({ path: path.join(SHOTS, "study-review.png") });
  });

  const studentContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "pt-BR", viewport: { width: 1280, height: 900 } });
  const student = await studentContext.newPage();
  watch(student, problems, "student");
  const study = new StudyPage(student);
  let answeredId = "";

  await test.step("the student opens Estudar from the chat, flips a card with space and grades it Bom (3)", async () => {
    await student.goto(`/${courseUrl}`);
    await expect(student.getByTestId("chat-input")).toBeVisible();
    await study.openFromChat();
    expect(new URL(student.url()).pathname).toBe("/study");
    await expect(study.due).toHaveAttribute("data-count", "3");
    await expect(study.due).toHaveText("3 cartões para hoje");
    await expect(student.getByTestId("study-mode-cards")).toHaveText("Cartões (1)");
    await expect(student.getByTestId("study-mode-quiz")).toHaveText("Quiz (2)");
    const card = [...approved.values()].find((item) => item.kind === "flashcard")!;
    await expect(study.flashcard.getByTestId("flashcard-front")).toHaveText(card.question);
    await expect(study.flashcard.getByTestId("flashcard-back")).toHaveCount(0);
    await student.keyboard.press("Space");
    await expect(study.flashcard.getByTestId("flashcard-back")).toHaveText(card.answer);
    await student.screenshot({ path: path.join(SHOTS, "study-flashcard.png") });
    const reviewed = await study.grade("3");
    expect(reviewed.status()).toBe(200);
    expect(reviewed.request().postDataJSON()).toEqual({ grade: 3 });
    await expect(study.flashcard).toHaveCount(0);
    await expect(study.due).toHaveText("2 cartões para hoje");
  });

  await test.step("the student answers a quiz question and sees the cited passage, then its page", async () => {
    await study.quizMode();
    const question = (await study.quiz.getByTestId("quiz-question").textContent()) ?? "";
    const entry = [...approved.entries()].find(([, item]) => item.question === question);
    expect(entry, `the quiz shows an approved item: ${question}`).toBeTruthy();
    const [id, item] = entry!;
    answeredId = id;
    const answered = await study.answer(item.answer);
    expect(answered.status()).toBe(200);
    const feedback = study.quiz.getByTestId("quiz-feedback");
    await expect(feedback).toHaveAttribute("data-correct", "true");
    await expect(feedback).toContainText("Correto!");
    await expect(feedback.getByTestId("quiz-passage")).not.toBeEmpty();
    const link = feedback.getByTestId("study-source");
    await expect(link).toHaveAttribute("data-page", item.page);
    await expect(link).toContainText(`p. ${item.page}`);
    await link.click();
    await expect(study.source.getByTestId("pdf-page")).toHaveAttribute("data-page", item.page);
    await expect(study.source.getByTestId("pdf-page")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await student.screenshot({ path: path.join(SHOTS, "study-quiz-feedback.png") });
    await student.keyboard.press("Escape");
    await expect(study.source).toBeHidden();
  });

  await test.step("the teacher's statistics count the student's answer", async () => {
    await page.reload();
    const row = bank.statsRow(answeredId);
    await expect(row.getByTestId("study-stats-answers")).toHaveText("1");
    await expect(row.getByTestId("study-stats-students")).toHaveText("1");
    await expect(row.getByTestId("study-stats-correct")).toHaveText("100%");
    await expect(page.getByTestId("study-missed")).toContainText("Nenhum erro registrado ainda.");
    await bank.stats.screenshot({ path: path.join(SHOTS, "study-stats.png") });
  });

  await studentContext.close();
  expect(problems, "no errors in the browser consoles").toEqual([]);
});
