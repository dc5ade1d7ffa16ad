"use client";
/**
 * The cited source beside the answer (a full-screen sheet on phones): the document's title,
 * page or slide, the page itself with the passage marked, previous/next citation, a link to
 * the original. Esc closes; the arrow keys move between the answer's citations.
 */
import { lazy, Suspense, useEffect, useId, useRef, type ComponentType } from "react";
import type { SourceState } from "@/hooks/use-source";
import { useI18n } from "@/hooks/use-i18n";
import { describeError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import type { SourcePage } from "@/lib/types";
import { CloseIcon } from "../icons";
import type { PdfPageViewProps } from "./pdf-page-view";
import { SourceTextView } from "./source-text-view";

/** Shown when the viewer's code itself cannot be loaded (say, a deploy replaced it). */
function PdfUnavailable({ passage }: PdfPageViewProps) {
  const { t } = useI18n();
  return (
    <div className="source-fallback" data-testid="source-not-found">
      <p className="form-error" role="alert">
        {t("source.pdfFailed")}
      </p>
      <blockquote className="passage-text">{passage}</blockquote>
    </div>
  );
}

// PDF.js is fetched the first time a PDF citation opens, never with the chat page.
type PdfModule = { default: ComponentType<PdfPageViewProps> };
const PdfPageView = lazy(
  (): Promise<PdfModule> => import("./pdf-page-view").catch((): PdfModule => ({ default: PdfUnavailable })),
);

const EDITABLE = "input, textarea, select, [contenteditable='true']";

function pageLabel(source: SourcePage, t: Translate): string {
  if (!source.page) return "";
  const slides = source.kind === "slides";
  if (source.page_count) return t(slides ? "source.slideOf" : "source.pageOf", { page: source.page, count: source.page_count });
  return t(slides ? "source.slide" : "source.page", { page: source.page });
}

function Chevron({ left }: { left: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
      <path d={left ? "m15 18-6-6 6-6" : "m9 18 6-6-6-6"} />
    </svg>
  );
}

export interface SourcePanelProps {
  state: SourceState;
  onMove: (delta: number) => void;
  onClose: () => void;
}

export function SourcePanel({ state, onMove, onClose }: SourcePanelProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { citations, index, source, loading, error } = state;
  const citation = citations[index];
  const title = source?.title ?? citation?.title ?? "";
  const page = source?.page ?? citation?.page ?? null;

  // Focus moves into the panel on each open and, when it closes, back to the last opener.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && !active.closest(".source-panel")) opener.current = active;
    heading.current?.focus();
  }, [state.opened]);
  useEffect(() => () => opener.current?.focus(), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof Element && event.target.closest(EDITABLE)) return;
      if (event.key === "Escape") onClose();
      else if (event.key === "ArrowLeft") onMove(-1);
      else if (event.key === "ArrowRight") onMove(1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose, onMove]);

  return (
    <aside className="source-panel" aria-labelledby={titleId} aria-busy={loading} data-testid="source-panel" data-kind={source?.kind ?? ""}>
      <header className="source-header">
        <div className="source-heading">
          <p className="source-eyebrow">{t("source.panel")}</p>
          <h2 id={titleId} ref={heading} tabIndex={-1} className="source-title" data-testid="source-title">
            {title}
          </h2>
          {(source ? pageLabel(source, t) : page) && (
            <p className="source-page" data-testid="source-page" data-page={page ?? ""}>
              {source ? pageLabel(source, t) : t("source.page", { page: page ?? "" })}
            </p>
          )}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("source.close")} data-testid="source-close">
          <CloseIcon />
        </button>
      </header>
      <div className="source-tools">
        <button type="button" className="icon-button" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t("source.previous")} data-testid="source-prev">
          <Chevron left />
        </button>
        <span className="source-counter" aria-live="polite" data-testid="source-counter">
          {t("source.counter", { n: index + 1, count: citations.length })}
        </span>
        <button
          type="button"
          className="icon-button"
          onClick={() => onMove(1)}
          disabled={index >= citations.length - 1}
          aria-label={t("source.next")}
          data-testid="source-next"
        >
          <Chevron left={false} />
        </button>
        {source && (
          <a className="button source-download" href={source.file_url} download={source.filename} data-testid="source-download">
            {t("source.download")}
          </a>
        )}
      </div>
      {source && source.heading_path.length > 0 && (
        <p className="muted source-section">
          {t("source.section")}: {source.heading_path.join(" › ")}
        </p>
      )}
      {source && !source.stored && (
        <p className="muted source-rebuilt" data-testid="source-rebuilt">
          {t("source.rebuilt")}
        </p>
      )}
      <div className="source-body" data-testid="source-body">
        {loading && <p className="muted">{t("source.loading")}</p>}
        {error && (
          <p className="form-error" role="alert">
            {describeError(error.code, locale, error.message)}
          </p>
        )}
        {source?.kind === "pdf" && source.page ? (
          <Suspense fallback={<p className="muted">{t("source.loading")}</p>}>
            <PdfPageView key={source.chunk_id} fileUrl={source.file_url} page={source.page} passage={source.passage_text} />
          </Suspense>
        ) : (
          source && <SourceTextView source={source} />
        )}
      </div>
      <p className="sr-only">{t("source.keys")}</p>
    </aside>
  );
}
