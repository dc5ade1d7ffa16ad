"use client";
/** The sources of an answer: one chip per citation (document title and page). */
import { useI18n } from "@/hooks/use-i18n";
import type { Citation } from "@/lib/types";

export interface CitationChipsProps {
  citations: Citation[];
  anchorFor: (n: number) => string;
  onOpen: (citation: Citation) => void;
}

export function CitationChips({ citations, anchorFor, onOpen }: CitationChipsProps) {
  const { t } = useI18n();
  return (
    <div className="citations">
      <h3 className="citations-title">{t("chat.sources")}</h3>
      <ol className="citation-list">
        {citations.map((citation, index) => {
          const page = citation.page ? t("chat.page", { page: citation.page }) : "";
          return (
            <li key={`${citation.chunk_id}-${index}`}>
              <button
                type="button"
                id={anchorFor(index + 1)}
                className="citation-chip"
                title={citation.snippet}
                aria-label={t("chat.citationLabel", { title: citation.title, page })}
                onClick={() => onOpen(citation)}
                data-testid="citation"
                data-page={citation.page ?? ""}
              >
                <span className="citation-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="citation-title">{citation.title}</span>
                {page && <span className="citation-page">{page}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
