/** Page object: the library (uploads, documents, courses). */
import { expect, type Locator, type Page } from "@playwright/test";

export class LibraryPage {
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId("document-row");
  }

  async open() {
    await this.page.goto("/library");
    await expect(this.page.getByTestId("course-select")).toBeEnabled();
  }

  async upload(...files: string[]) {
    await this.page.getByTestId("upload-input").setInputFiles(files);
  }

  /** Create a course; it becomes the selected one (uploads and the chat then use it). */
  async createCourse(name: string) {
    await this.page.getByTestId("course-new-input").fill(name);
    await this.page.getByTestId("course-create").click();
    await expect(this.page.getByTestId("course-current")).toHaveText(name);
  }

  /** Teacher: set the chosen course's answer mode and wait for the backend to take it. */
  async setTutorMode(mode: "direto" | "tutor" | "prova") {
    await this.page.getByTestId(`tutor-mode-${mode}`).check();
    const saved = this.page.waitForResponse((r) => r.url().endsWith("/tutor-mode") && r.request().method() === "PUT");
    await this.page.getByTestId("tutor-mode-save").click();
    const response = await saved;
    expect(response.status()).toBe(200);
    await expect(this.page.getByTestId("tutor-mode-status")).not.toBeEmpty();
    return response;
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  /** Click the row's re-index button; resolves with the backend's answer to the POST. */
  async reindex(name: string) {
    const answered = this.page.waitForResponse((r) => /\/api\/documents\/[^/]+\/reindex$/.test(r.url()) && r.request().method() === "POST");
    await this.row(name).getByTestId("document-reindex").click();
    return answered;
  }

  async waitForStatus(name: string, status: "ready" | "failed", word: string, timeout = 120_000) {
    const row = this.row(name);
    await expect(row).toHaveAttribute("data-status", status, { timeout });
    await expect(row.getByTestId("document-status")).toHaveText(word);
    return row;
  }
}
