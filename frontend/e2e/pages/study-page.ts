/** Page objects: the teacher's "Perguntas de estudo" and the student's "Estudar" (issue 18). */
import { expect, type Locator, type Page } from "@playwright/test";

export class StudyBankPage {
  readonly items: Locator;
  readonly stats: Locator;

  constructor(private readonly page: Page) {
    this.items = page.getByTestId("study-item");
    this.stats = page.getByTestId("study-stats");
  }

  /** From the library, open the chosen course's study questions. */
  async openFromLibrary() {
    await this.page.getByTestId("library-study-link").click();
    await expect(this.page.getByTestId("generate-form")).toBeVisible();
  }

  /** Generate from the whole course and wait for the job to finish; returns its summary line. */
  async generate() {
    await this.page.getByTestId("generate-scope-course").check();
    await this.page.getByTestId("generate-submit").click();
    const done = this.page.getByTestId("generate-done");
    await expect(done).toBeVisible({ timeout: 120_000 });
    return done;
  }

  item(id: string): Locator {
    return this.items.and(this.page.locator(`[data-id="${id}"]`));
  }

  /** Items of a kind and status, as the list shows them. */
  ofKind(kind: string, status = "draft"): Locator {
    return this.items.and(this.page.locator(`[data-kind="${kind}"][data-status="${status}"]`));
  }

  /** Tick these drafts and approve them at once; waits for the bulk POST. */
  async approveSelected(ids: string[]) {
    for (const id of ids) await this.item(id).getByTestId("study-item-select").check();
    const approved = this.page.waitForResponse((r) => r.url().endsWith("/study/approve") && r.request().method() === "POST");
    await this.page.getByTestId("study-approve-selected").click();
    expect((await approved).status()).toBe(200);
    for (const id of ids) await expect(this.item(id)).toHaveAttribute("data-status", "approved");
  }

  statsRow(id: string): Locator {
    return this.stats.getByTestId("study-stats-row").and(this.page.locator(`[data-id="${id}"]`));
  }
}

export class StudyPage {
  readonly due: Locator;
  readonly flashcard: Locator;
  readonly quiz: Locator;
  readonly source: Locator;

  constructor(private readonly page: Page) {
    this.due = page.getByTestId("study-due-today");
    this.flashcard = page.getByTestId("flashcard");
    this.quiz = page.getByTestId("quiz-card");
    this.source = page.getByTestId("source-panel");
  }

  /** From the chat, open "Estudar" for the course the header shows. */
  async openFromChat() {
    await this.page.getByTestId("nav-study").click();
    await expect(this.due).toBeVisible();
  }

  /** Press a key on the page (space flips, 1-4 grade); resolves with the review POST when one is sent. */
  async grade(key: "1" | "2" | "3" | "4") {
    const reviewed = this.page.waitForResponse((r) => /\/api\/study\/items\/[^/]+\/review$/.test(r.url()));
    await this.page.keyboard.press(key);
    return reviewed;
  }

  async quizMode() {
    await this.page.getByTestId("study-mode-quiz").click();
    await expect(this.quiz).toBeVisible();
  }

  /** Answer the quiz item shown: pick the option, or type the words; resolves with the answer POST. */
  async answer(text: string) {
    const answered = this.page.waitForResponse((r) => /\/api\/study\/items\/[^/]+\/answer$/.test(r.url()));
    if ((await this.quiz.getAttribute("data-kind")) === "multiple_choice") {
      await this.quiz.getByRole("radio", { name: text, exact: true }).check();
    } else {
      await this.quiz.getByTestId("quiz-input").fill(text);
    }
    await this.quiz.getByTestId("quiz-submit").click();
    return answered;
  }
}
