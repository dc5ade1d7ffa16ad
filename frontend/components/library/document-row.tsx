"use client";
/** One document: title, file name, indexing status, suspect pages, and rename/re-index/delete/open. */
import { useCallback, useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { api, type ApiError } from "@/lib/api-client";
import { describeError, sentenceFor } from "@/lib/errors";
import { formatBytes, formatPercent } from "@/lib/format";
import type { Locale, Translate } from "@/lib/i18n";
import { countPages, formatPageRanges } from "@/lib/page-ranges";
import type { DocumentInfo } from "@/lib/types";

export interface DocumentRowProps {
  doc: DocumentInfo;
  onRename: (title: string) => Promise<boolean>;
  onDelete: () => void;
  /** Index the document again; resolves to the failure to show on this row, or null. */
  onReindex: () => Promise<ApiError | null>;
}

/** The warning for pages whose text layer looks corrupted, or null when there are none. */
export function suspectPagesWarning(pages: readonly number[] | null | undefined, t: Translate): string | null {
  const count = countPages(pages);
  if (count === 0) return null;
  const list = formatPageRanges(pages, { more: (hidden) => t("library.suspectMore", { count: hidden }) });
  return t(count === 1 ? "library.suspectOne" : "library.suspectMany", { pages: list });
}

/** A re-index failure in the teacher's language; any 409 means "already indexing" (`conflict:indexing`). */
function reindexFailure(error: ApiError, locale: Locale): string {
  if (error.status === 409) return describeError("conflict:indexing", locale, error.message);
  if (error.status === 404 && !sentenceFor(error.code, locale)) return describeError("not_found:document", locale, error.message);
  return describeError(error.code, locale, error.message);
}

export function DocumentRow({ doc, onRename, onDelete, onReindex }: DocumentRowProps) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(doc.title);
  const [reindexing, setReindexing] = useState(false);
  const [reindexError, setReindexError] = useState<ApiError | null>(null);
  const [started, setStarted] = useState(false);
  const [seenStatus, setSeenStatus] = useState(doc.status);
  const inputId = useId();
  const warningId = useId();
  const focusOnMount = useCallback((input: HTMLInputElement | null) => input?.focus(), []);
  const pending = doc.status === "queued" || doc.status === "processing";
  const warning = suspectPagesWarning(doc.suspect_pages, t);
  if (seenStatus !== doc.status) {
    // A re-index failure ("already indexing", say) is stale once the document settles.
    setSeenStatus(doc.status);
    if (!pending) setReindexError(null);
  }

  // aria-disabled rather than disabled: the button keeps keyboard focus while the document re-indexes.
  const busy = reindexing || pending;
  const reindex = async () => {
    if (busy) return;
    setReindexing(true);
    setReindexError(null);
    setStarted(false);
    const failure = await onReindex();
    setReindexing(false);
    setReindexError(failure);
    setStarted(!failure);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const next = title.trim();
    if (!next || next === doc.title || (await onRename(next))) setEditing(false);
  };

  return (
    <li className={`document-row status-${doc.status}`} data-testid="document-row" data-status={doc.status} data-id={doc.id}>
      <div className="document-main">
        {editing ? (
          <form className="row" onSubmit={save}>
            <label htmlFor={inputId} className="sr-only">
              {t("library.renameLabel", { title: doc.title })}
            </label>
            <input
              id={inputId}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              onKeyDown={(event) => event.key === "Escape" && setEditing(false)}
              ref={focusOnMount}
              required
              data-testid="document-title-input"
            />
            <button type="submit" className="button button-primary" data-testid="document-rename-save">
              {t("library.save")}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)} data-testid="document-rename-cancel">
              {t("library.cancel")}
            </button>
          </form>
        ) : (
          <span className="document-title" data-testid="document-title">
            {doc.title}
          </span>
        )}
        {doc.filename && doc.filename !== doc.title && <span className="document-filename muted">{doc.filename}</span>}
        <span className="document-meta muted">
          {formatBytes(doc.size_bytes, locale)}
          {doc.pages ? ` · ${t("library.pages", { count: doc.pages })}` : ""}
          {doc.status === "ready" ? ` · ${(doc.chunks === 1 ? t("library.chunksOne") : t("library.chunks", { count: doc.chunks }))}` : ""}
        </span>
        {doc.status === "failed" && (doc.error || doc.error_code) && (
          <p className="form-error" data-testid="document-error">
            {sentenceFor(doc.error_code, locale) ?? doc.error}
          </p>
        )}
        {warning && (
          <p className="document-warning" id={warningId} data-testid="document-suspect">
            <span aria-hidden="true" className="document-warning-icon">
              ⚠
            </span>{" "}
            {warning}
          </p>
        )}
        {reindexError && (
          <p className="form-error" role="alert" data-testid="document-reindex-error">
            {reindexFailure(reindexError, locale)}
          </p>
        )}
        <span className="sr-only" role="status" data-testid="document-reindex-status">
          {started ? t("library.reindexStarted", { title: doc.title }) : ""}
        </span>
      </div>
      <div className="document-status">
        <span className={`status-badge status-badge-${doc.status}`} data-testid="document-status">
          {t(`status.${doc.status}`)}
        </span>
        {pending && typeof doc.progress === "number" && doc.progress > 0 && (
          <span className="muted" aria-hidden="true">
            {formatPercent(doc.progress, locale)}
          </span>
        )}
      </div>
      <div className="document-actions">
        <a
          className="button button-quiet"
          href={api.documentFileUrl(doc.id)}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t("library.openLabel", { title: doc.title })}
          data-testid="document-open"
        >
          {t("library.open")}
        </a>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setTitle(doc.title);
            setEditing(true);
          }}
          aria-label={t("library.renameDocLabel", { title: doc.title })}
          data-testid="document-rename"
        >
          {t("library.rename")}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void reindex()}
          aria-disabled={busy}
          aria-busy={reindexing}
          aria-label={t("library.reindexLabel", { title: doc.title })}
          aria-describedby={warning ? warningId : undefined}
          data-testid="document-reindex"
        >
          {t("library.reindex")}
        </button>
        <button
          type="button"
          className="button button-quiet button-danger-text"
          onClick={onDelete}
          aria-label={t("library.deleteLabel", { title: doc.title })}
          data-testid="document-delete"
        >
          {t("library.delete")}
        </button>
      </div>
    </li>
  );
}
