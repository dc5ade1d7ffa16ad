"use client";
/**
 * The tutor's side of an answer (issue 19): the rung it stands on ("Dica 1 de 2"), the verdict
 * on the student's own answer, where to read (page links into the source panel), and the next
 * steps: another hint, or the answer once the backend allows it.
 */
import { useMemo } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { Translate } from "@/lib/i18n";
import { locationCitation, tutorStep } from "@/lib/tutor";
import type { Citation, TutorState } from "@/lib/types";

/** The rung as one short phrase ("Dica 1 de 2", "Resposta", "Onde estudar"); "" when refused. */
export function stepLabel(tutor: TutorState, t: Translate): string {
  const step = tutorStep(tutor);
  if (!step) return "";
  if (step.kind === "hint") return t("tutor.hintOf", { n: step.n, total: step.total });
  return t(step.kind === "answer" ? "tutor.answer" : "tutor.places");
}

export interface TutorStepsProps {
  tutor: TutorState;
  /** True when the answer's citations are shown: the locations would repeat them. */
  cited: boolean;
  onCite: (citation: Citation, citations: Citation[]) => void;
  /** Ask for the next rung; absent on all but the latest answer, and while one is streaming. */
  onAction?: (action: "hint" | "reveal") => void;
}

/** Above the answer's text: the rung ("Dica 1 de 2") and the verdict on the student's answer. */
export function TutorLevel({ tutor }: { tutor: TutorState }) {
  const { t } = useI18n();
  const label = stepLabel(tutor, t);
  return (
    <>
      {label && (
        <p className="answer-label tutor-level" data-testid="tutor-level" data-level={tutor.level}>
          {label}
        </p>
      )}
      {tutor.verdict && (
        <p className={`tutor-verdict tutor-verdict-${tutor.verdict}`} data-testid="tutor-verdict">
          {t(`tutor.verdict.${tutor.verdict}`)}
        </p>
      )}
    </>
  );
}

/** Below the answer's text: where to read, and the next steps. */
export function TutorSteps({ tutor, cited, onCite, onAction }: TutorStepsProps) {
  const { t } = useI18n();
  const places = useMemo(() => tutor.locations.map(locationCitation), [tutor.locations]);
  const canReveal = tutor.mode === "tutor" && tutor.can_reveal;

  return (
    <div className="tutor-steps" data-testid="tutor-steps" data-level={tutor.level}>
      {!cited && places.length > 0 && (
        <div className="citations">
          <h3 className="citations-title">{t("tutor.where")}</h3>
          <ul className="citation-list">
            {places.map((place, index) => {
              const page = place.page ? t("chat.page", { page: place.page }) : "";
              return (
                <li key={`${place.chunk_id}-${index}`}>
                  <button
                    type="button"
                    className="citation-chip tutor-location"
                    aria-label={t("tutor.locationLabel", { title: place.title, page })}
                    onClick={() => onCite(place, places)}
                    data-testid="tutor-location"
                    data-page={place.page ?? ""}
                  >
                    <span className="citation-title">{place.title}</span>
                    {page && <span className="citation-page">{page}</span>}
                    {place.snippet && <span className="citation-page">· {place.snippet}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {onAction && (tutor.can_hint || canReveal) && (
        <div className="tutor-actions">
          {tutor.can_hint && (
            <button type="button" className="button" onClick={() => onAction("hint")} data-testid="tutor-hint">
              {t("tutor.moreHint")}
            </button>
          )}
          {canReveal && (
            <button type="button" className="button" onClick={() => onAction("reveal")} data-testid="tutor-reveal">
              {t("tutor.reveal")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
