/** Page object: the source panel beside the chat (a full-screen sheet on phones). */
import { expect, type Locator, type Page } from "@playwright/test";

export class SourcePanel {
  readonly root: Locator;
  readonly highlights: Locator;
  readonly pdfPage: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("source-panel");
    this.highlights = this.root.getByTestId("source-highlight");
    this.pdfPage = this.root.getByTestId("pdf-page");
  }

  /** Wait for the PDF page `n` to be drawn, its text layer searched. */
  async waitForPdfPage(n: number) {
    await expect(this.pdfPage).toHaveAttribute("data-page", String(n));
    await expect(this.pdfPage).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  }

  /** The highlighted text as the DOM holds it, marks joined by spaces. */
  async highlightedText(): Promise<string> {
    await expect(this.highlights.first()).toBeVisible();
    const parts = await this.highlights.allTextContents();
    return parts.join(" ").replace(/\s+/g, " ");
  }

  close() {
    return this.root.getByTestId("source-close").click();
  }
}
