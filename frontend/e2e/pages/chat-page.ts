/** Page object: the chat (question box, answers, citations, source panel). */
import { expect, type Locator, type Page, type Response } from "@playwright/test";

export class ChatPage {
  readonly answers: Locator;
  readonly source: Locator;

  constructor(private readonly page: Page) {
    this.answers = page.getByTestId("answer");
    this.source = page.getByTestId("source-panel");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByTestId("chat-input")).toBeVisible();
  }

  /** Ask and wait for the complete answer; returns the answer and the /api/chat response. */
  async ask(question: string): Promise<{ answer: Locator; response: Response }> {
    const before = await this.answers.count();
    await this.page.getByTestId("chat-input").fill(question);
    const responded = this.page.waitForResponse((r) => r.url().endsWith("/api/chat") && r.request().method() === "POST");
    await this.page.getByTestId("chat-send").click();
    const response = await responded;
    const answer = this.answers.nth(before);
    await expect(answer).toHaveAttribute("data-state", "done", { timeout: 120_000 });
    return { answer, response };
  }

  /** Click the latest answer's tutor button (`tutor-hint`, `tutor-reveal`); waits for the next answer. */
  async tutorStep(button: "tutor-hint" | "tutor-reveal"): Promise<{ answer: Locator; response: Response }> {
    const before = await this.answers.count();
    const responded = this.page.waitForResponse((r) => r.url().endsWith("/api/chat") && r.request().method() === "POST");
    await this.answers.nth(before - 1).getByTestId(button).click();
    const response = await responded;
    const answer = this.answers.nth(before);
    await expect(answer).toHaveAttribute("data-state", "done", { timeout: 120_000 });
    return { answer, response };
  }

  /** The course's answer mode over the chat (direto, tutor, prova). */
  get badge(): Locator {
    return this.page.getByTestId("tutor-badge");
  }

  /** Where a tutor or prova answer says to read (page links into the source panel). */
  locations(answer: Locator): Locator {
    return answer.getByTestId("tutor-location");
  }

  citations(answer: Locator): Locator {
    return answer.getByTestId("citation");
  }

  /** The "new conversation" button above the list. */
  async newConversation() {
    await this.page.getByTestId("new-conversation").click();
    await expect(this.page.getByTestId("chat-empty")).toBeVisible();
  }

  /** Reopen a past conversation from the list by its title (its first question). */
  async openConversation(title: string) {
    await this.page.getByTestId("conversation-item").filter({ hasText: title }).click();
  }

  /** What a browser that may not read this conversation sees in its place. */
  get unavailable(): Locator {
    return this.page.getByTestId("conversation-unavailable");
  }
}
