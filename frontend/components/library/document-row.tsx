"use client";
/** One document: title, file name, indexing status, and rename/delete/open. */
import { useCallback, useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { api } from "@/lib/api-client";
import { sentenceFor } from "@/lib/errors";
import { formatBytes, formatPercent } from "@/lib/format";
import type { DocumentInfo } from "@/lib/types";

export interface DocumentRowProps {
  doc: DocumentInfo;
  onRename: (title: string) => Promise<boolean>;
  onDelete: () => void;
}

export function DocumentRow({ doc, onRename, onDelete }: DocumentRowProps) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(doc.title);
  const inputId = useId();
  const focusOnMount = useCallback((input: HTMLInputElement | null) => input?.focus(), []);
  const pending = doc.status === "queued" || doc.status === "processing";

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
