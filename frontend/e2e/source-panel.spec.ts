/**
 * A citation opens its source beside the answer, on its page, with the cited passage marked:
 * a four-page PDF (answer on page 3, a word hyphenated across two lines), a DOCX and a
 * Markdown file, uploaded to their own course and asked about through the real backend; then
 * the same on a 390 px phone, where the panel is a full-screen sheet.
 */
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ChatPage } from "./pages/chat-page";
import { LibraryPage } from "./pages/library-page";
import { SourcePanel } from "./pages/source-panel";
import { makeDocx } from "./support/docx";
import { makePdf } from "./support/pdf";

const SHOTS = path.resolve(__dirname, "screenshots");
const COURSE = "Fontes citadas";
const PDF_NAME = "estados-do-brasil.pdf";
const DOCX_NAME = "metais-liquidos.docx";
const MD_NAME = "deriva-continental.md";

const PDF_QUESTION = "Qual é a capital do Tocantins e quando foi fundada?";
const DOCX_QUESTION = "A que temperatura o gálio derrete?";
const MD_QUESTION = "Quem propôs a teoria da deriva continental?";

function writeFixtures(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const pdf = makePdf(
    [
      ["Estados do Brasil - 1: introdução", "O Brasil tem vinte e seis estados e um distrito federal.", "Cada estado tem a sua capital e o seu governo."],
      ["Estados do Brasil - 2: o Pará", "O Pará é o segundo maior estado do país em área.", "Belém, a capital paraense, fica na baía do Guajará."],
      [
        "Estados do Brasil - 3: o Tocantins",
        "O Tocantins é o estado mais novo do Brasil, criado pela Constituição de 1988.",
        "A capital do Tocantins é Palmas, uma cidade planejada e fun-",
        "dada em 1989 às margens do lago da usina de Lajeado.",
      ],
      ["Estados do Brasil - 4: o Amazonas", "O Amazonas é o maior estado brasileiro em área.", "A capital do Amazonas é Manaus, à beira do rio Negro."],
    ],
    "Estados do Brasil",
  );
  const docx = makeDocx([
    "# Metais líquidos",
    "O mercúrio é o único metal líquido à temperatura ambiente comum.",
    "## O gálio",
    "O gálio derrete a 29,76 graus Celsius, por isso se liquefaz na palma da mão.",
    "Ele é usado em semicondutores como o arseneto de gálio.",
  ]);
  const markdown = [
    "# Geologia",
    "",
    "A Terra tem crosta, manto e núcleo.",
    "",
    "## Deriva continental",
    "",
    "A teoria da deriva continental foi proposta por Alfred Wegener em 1912,",
    "que viu os continentes se encaixarem como peças de um quebra-cabeça.",
    "",
    "## Placas tectônicas",
    "",
    "As placas tectônicas se movem alguns centímetros por ano.",
  ].join("\n");
  const files: [string, Buffer | string][] = [
    [PDF_NAME, pdf],
    [DOCX_NAME, docx],
    [MD_NAME, markdown],
  ];
  return files.map(([name, data]) => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    return file;
  });
}

/** Ask, then open the answer's citation of `document` and return the panel. */
async function openCitation(page: Page, chat: ChatPage, question: string, document: string) {
  const { answer } = await chat.ask(question);
  await expect(answer).not.toHaveAttribute("data-mode", "refused");
  const chip = chat.citations(answer).filter({ hasText: document }).first();
  await expect(chip).toBeVisible();
  await chip.click();
  const panel = new SourcePanel(page);
  await expect(panel.root).toBeVisible();
  await expect(panel.root.getByTestId("source-title")).toHaveText(document);
  return { panel, answer, chip };
}

test.describe.configure({ mode: "serial" });

// The course goes when the spec ends: a fresh browser falls back to the fullest course while
// the default one is empty, and the specs after this one expect theirs (the default).
test.afterAll(async ({ request }) => {
  const { collections } = (await (await request.get("/api/collections")).json()) as { collections: { id: string; name: string }[] };
  for (const course of collections.filter((c) => c.name === COURSE)) {
    expect((await request.delete(`/api/collections/${course.id}`)).status()).toBe(204);
  }
});

test("a citation opens its source beside the answer: PDF page 3, DOCX, Markdown", async ({ page }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const files = writeFixtures(testInfo.outputDir);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  const library = new LibraryPage(page);
  const chat = new ChatPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });

  await test.step("a teacher uploads the three files to a course of their own", async () => {
    await library.open();
    await library.createCourse(COURSE);
    await library.upload(...files);
    for (const name of [PDF_NAME, DOCX_NAME, MD_NAME]) await library.waitForStatus(name, "ready", "pronto");
  });

  // Every script the page fetched, in order: PDF.js must come only after a PDF citation opens.
  const scripts: string[] = [];
  page.on("request", (request) => request.resourceType() === "script" && scripts.push(request.url()));
  const holdPdfJs = async (urls: string[]) => {
    const bodies = await Promise.all(urls.map(async (url) => (await page.request.get(url)).text()));
    return bodies.some((body) => body.includes("textContentItemsStr"));
  };
  let beforeOpening = 0;

  await test.step("the chat page loads no PDF viewer until a PDF citation opens", async () => {
    await page.getByTestId("nav-chat").click();
    await expect(page.getByTestId("chat-input")).toBeVisible();
    await page.reload(); // a cold load of the chat page
    await expect(page.getByTestId("chat-input")).toBeVisible();
    beforeOpening = scripts.length;
    expect(beforeOpening).toBeGreaterThan(0);
    expect(await holdPdfJs(scripts)).toBe(false);
  });

  await test.step("PDF: the citation opens page 3 with the answer highlighted, the answer still visible", async () => {
    const { panel, answer } = await openCitation(page, chat, PDF_QUESTION, PDF_NAME);
    await expect(panel.root.getByTestId("source-page")).toHaveText("Página 3 de 4");
    await panel.waitForPdfPage(3);
    await expect(panel.pdfPage).toHaveAttribute("data-matched", "true");
    const marked = await panel.highlightedText();
    expect(marked).toContain("Palmas");
    expect(marked).toMatch(/fun-? ?dada em 1989/);
    expect(marked).not.toContain("Manaus");
    expect(await holdPdfJs(scripts.slice(beforeOpening)), "PDF.js arrives with the first PDF citation").toBe(true);
    await expect(panel.highlights.first()).toBeInViewport();
    await expect(answer).toBeInViewport();
    const download = panel.root.getByTestId("source-download");
    await expect(download).toHaveAttribute("download", PDF_NAME);
    const file = await page.request.get((await download.getAttribute("href"))!, { headers: { Range: "bytes=0-7" } });
    expect(file.status()).toBe(206);
    expect((await file.body()).toString("latin1")).toBe("%PDF-1.4");
    await page.screenshot({ path: path.join(SHOTS, "source-pdf-page3.png") });
  });

  await test.step("DOCX: the extracted text, its headings, the passage highlighted", async () => {
    const { panel } = await openCitation(page, chat, DOCX_QUESTION, DOCX_NAME);
    await expect(panel.root.getByRole("heading", { name: "O gálio" })).toBeVisible();
    expect(await panel.highlightedText()).toContain("29,76 graus Celsius");
    await expect(panel.highlights.first()).toBeInViewport();
    await page.screenshot({ path: path.join(SHOTS, "source-docx.png") });
  });

  await test.step("Markdown: the same, and the keyboard moves and closes", async () => {
    const { panel, chip } = await openCitation(page, chat, MD_QUESTION, MD_NAME);
    await expect(panel.root.getByRole("heading", { name: "Deriva continental" })).toBeVisible();
    expect(await panel.highlightedText()).toContain("Alfred Wegener em 1912");
    await page.screenshot({ path: path.join(SHOTS, "source-markdown.png") });
    const counter = panel.root.getByTestId("source-counter");
    const total = Number((await counter.textContent())?.match(/de (\d+)/)?.[1] ?? 1);
    if (total > 1) {
      const first = await counter.textContent();
      await page.keyboard.press("ArrowRight");
      await expect(counter).not.toHaveText(first ?? "");
      await page.keyboard.press("ArrowLeft");
      await expect(counter).toHaveText(first ?? "");
    }
    await page.keyboard.press("Escape");
    await expect(panel.root).toBeHidden();
    await expect(chip).toBeFocused();
  });

  expect(problems, "no errors in the browser console").toEqual([]);
});

test("on a 390 px phone the source opens as a full-screen sheet and closes", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "pt-BR" });
  const page = await phone.newPage();
  const chat = new ChatPage(page);
  await chat.open();
  const course = await page.getByTestId("course-select").locator("option", { hasText: COURSE }).getAttribute("value");
  await page.getByTestId("course-select").selectOption(course!);
  const { panel } = await openCitation(page, chat, PDF_QUESTION, PDF_NAME);
  await panel.waitForPdfPage(3);
  expect(await panel.highlightedText()).toContain("Palmas");
  const box = await panel.root.boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, "phone-390-source-sheet.png") });
  await panel.close();
  await expect(panel.root).toBeHidden();
  await expect(page.getByTestId("answer").first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "phone-390-source-closed.png") });
  await phone.close();
});
