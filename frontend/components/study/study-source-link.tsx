"use client";
/** A study item's source (document and page) as a chip that opens that page in the source panel. */
import { useI18n } from "@/hooks/use-i18n";
import type { StudySource } from "@/lib/types";

export interface StudySourceLinkProps {
  source: StudySource;
  onOpen: (source: StudySource) => void;
}

export function StudySourceLink({ source, onOpen }: StudySourceLinkProps) {
  const { t } = useI18n();
  const page = source.page ? t("chat.page", { page: source.page }) : "";
  return (
    <button
      type="button"
      className="citation-chip study-source"
      aria-label={t("study.sourceLabel", { title: source.title, page })}
      onClick={() => onOpen(source)}
      data-testid="study-source"
      data-page={source.page ?? ""}
    >
      <span className="citation-title">{source.title}</span>
      {page && <span className="citation-page">{page}</span>}
    </button>
  );
}
