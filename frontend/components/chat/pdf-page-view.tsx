"use client";
/**
 * One page of a PDF drawn by PDF.js (canvas plus text layer), with the cited passage marked in
 * the text layer. Loaded only when a PDF citation is first opened (source-panel.tsx imports it
 * lazily): PDF.js and its worker never weigh on the chat page's first load. The file comes in
 * byte ranges from /api/documents/<id>/file, so a long PDF is not downloaded whole.
 */
import { GlobalWorkerOptions, TextLayer, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { matchPassage, type ItemRange } from "@/lib/text-match";

export interface PdfPageViewProps {
  fileUrl: string;
  page: number;
  passage: string;
}

type ViewState = "loading" | "ready" | "failed";

// The few documents last opened stay loaded: moving between citations of one PDF is instant.
const KEEP = 3;
const documents = new Map<string, PDFDocumentLoadingTask>();

function load(url: string): Promise<PDFDocumentProxy> {
  const known = documents.get(url);
  if (known) return known.promise;
  if (!GlobalWorkerOptions.workerPort) {
    // Bundled with the app (no CDN): the bundler emits the worker as its own file.
    GlobalWorkerOptions.workerPort = new Worker(new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url), { type: "module" });
  }
  const task = getDocument({ url, rangeChunkSize: 64 * 1024, disableAutoFetch: true, disableStream: true });
  documents.set(url, task);
  task.promise.catch(() => documents.delete(url));
  while (documents.size > KEEP) {
    const [oldest, stale] = documents.entries().next().value as [string, PDFDocumentLoadingTask];
    documents.delete(oldest);
    void stale.destroy().catch(() => undefined);
  }
  return task.promise;
}

/** Wrap each range of the text layer's spans in a <mark>; returns the first mark. */
function mark(divs: readonly HTMLElement[], ranges: readonly ItemRange[]): HTMLElement | null {
  let first: HTMLElement | null = null;
  for (const { item, start, end } of ranges) {
    const div = divs[item];
    const text = div?.textContent ?? "";
    if (!div || start >= end) continue;
    const highlight = document.createElement("mark");
    highlight.className = "source-highlight";
    highlight.dataset.testid = "source-highlight";
    highlight.textContent = text.slice(start, end);
    div.replaceChildren(text.slice(0, start), highlight, text.slice(end));
    first ??= highlight;
  }
  return first;
}

export default function PdfPageView({ fileUrl, page, passage }: PdfPageViewProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ViewState>("loading");
  const [matched, setMatched] = useState<boolean | null>(null);

  useEffect(() => {
    let cancelled = false;
    // The panel mounts one view per citation (keyed), so state starts fresh each time.
    const cleanup: (() => void)[] = [];
    (async () => {
      const doc = await load(fileUrl);
      const pdfPage = await doc.getPage(Math.min(Math.max(1, page), doc.numPages));
      const box = host.current;
      const surface = canvas.current;
      const text = layer.current;
      if (cancelled || !box || !surface || !text) return;
      const natural = pdfPage.getViewport({ scale: 1 });
      const scale = Math.min(2, Math.max(0.5, (box.clientWidth || natural.width) / natural.width));
      const viewport = pdfPage.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      surface.width = Math.floor(viewport.width * ratio);
      surface.height = Math.floor(viewport.height * ratio);
      surface.style.width = `${Math.floor(viewport.width)}px`;
      surface.style.height = `${Math.floor(viewport.height)}px`;
      box.style.setProperty("--total-scale-factor", String(scale));
      const render = pdfPage.render({ canvas: surface, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      cleanup.push(() => render.cancel());
      text.replaceChildren();
      const textLayer = new TextLayer({ textContentSource: pdfPage.streamTextContent(), container: text, viewport });
      cleanup.push(() => textLayer.cancel());
      await Promise.all([render.promise, textLayer.render()]);
      if (cancelled) return;
      const ranges = matchPassage(textLayer.textContentItemsStr, passage);
      const first = ranges ? mark(textLayer.textDivs, ranges) : null;
      setMatched(first !== null);
      setState("ready");
      first?.scrollIntoView({ block: "center" });
    })().catch(() => {
      if (!cancelled) setState("failed");
    });
    return () => {
      cancelled = true;
      cleanup.forEach((stop) => stop());
    };
  }, [fileUrl, page, passage]);

  return (
    <div className="pdf-view" data-testid="pdf-page" data-page={page} data-state={state} data-matched={matched === null ? "" : String(matched)}>
      {state === "loading" && <p className="muted">{t("source.loading")}</p>}
      {state === "failed" && (
        <p className="form-error" role="alert">
          {t("source.pdfFailed")}
        </p>
      )}
      <div className="pdf-page" ref={host} hidden={state === "failed"}>
        <canvas ref={canvas} aria-hidden="true" />
        <div className="textLayer" ref={layer} />
      </div>
      {(state === "failed" || matched === false) && (
        <div className="source-fallback" data-testid="source-not-found">
          <p className="muted">{t("source.notFound")}</p>
          <blockquote className="passage-text">{passage}</blockquote>
        </div>
      )}
    </div>
  );
}
