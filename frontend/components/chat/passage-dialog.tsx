"use client";
/** The cited passage in full, with a link that opens the original file (a PDF at its page). */
import type { PassageState } from "@/hooks/use-passage";
import { useI18n } from "@/hooks/use-i18n";
import { api } from "@/lib/api-client";
import { describeError } from "@/lib/errors";
import { Modal } from "../modal";

export interface PassageDialogProps {
  passage: PassageState;
  onClose: () => void;
}

export function PassageDialog({ passage, onClose }: PassageDialogProps) {
  const { t, locale } = useI18n();
  const { citation, chunk, document, loading, error } = passage;
  const page = chunk?.page ?? citation.page;
  const title = chunk?.title ?? citation.title;
  const isPdf = document?.content_type === "application/pdf" || /\.pdf$/i.test(document?.filename ?? "");
  const headings = chunk?.heading_path?.filter(Boolean) ?? [];

  return (
    <Modal title={t("passage.title")} onClose={onClose} testId="passage-dialog" wide>
      <p className="passage-source">
        <strong data-testid="passage-title">{title}</strong>
        {page ? <span data-testid="passage-page"> · {t("chat.page", { page })}</span> : null}
      </p>
      {headings.length > 0 && (
        <p className="muted passage-headings">
          {t("passage.section")}: {headings.join(" › ")}
        </p>
      )}
      {loading && <p className="muted">{t("passage.loading")}</p>}
      {error && (
        <p className="form-error" role="alert">
          {describeError(error.code, locale, error.message)}
        </p>
      )}
      <blockquote className="passage-text" data-testid="passage-text">
        {chunk?.text ?? citation.snippet}
      </blockquote>
      <div className="modal-actions">
        {isPdf && page ? (
          <a
            className="button"
            href={api.documentFileUrl(citation.document_id, page)}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="passage-open-pdf"
          >
            {t("passage.openPdf", { page })}
          </a>
        ) : (
          <a
            className="button"
            href={api.documentFileUrl(citation.document_id)}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="passage-open-file"
          >
            {t("passage.openFile")}
          </a>
        )}
        <button type="button" className="button button-primary" onClick={onClose} data-testid="passage-close">
          {t("passage.close")}
        </button>
      </div>
    </Modal>
  );
}
