"use client";
/**
 * One flashcard: the front, flipped to the back (button or space bar), then graded Again, Hard,
 * Good or Easy (buttons or the keys 1-4). Remount it per card (`key`) so each starts face up.
 */
import { useEffect, useId, useState } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { GRADE_NAMES, GRADES, gradeForKey, type Grade } from "@/lib/study";
import type { StudentItem, StudySource } from "@/lib/types";
import { StudySourceLink } from "./study-source-link";

/** Where a key press belongs to the field or control, not to the card. */
const EDITABLE = "input, textarea, select, [contenteditable='true']";
const CONTROLS = "button, summary, [role='button']";

export interface FlashcardProps {
  card: StudentItem;
  busy: boolean;
  onGrade: (grade: Grade) => void;
  onSource: (source: StudySource) => void;
}

export function Flashcard({ card, busy, onGrade, onSource }: FlashcardProps) {
  const { t } = useI18n();
  const [flipped, setFlipped] = useState(false);
  const backId = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(EDITABLE) || target?.closest("[role='dialog'], .source-panel")) return;
      if (event.key === " ") {
        // A focused button takes its own space press (it clicks); a link does not, so the card flips.
        if (target?.closest(CONTROLS)) return;
        event.preventDefault();
        setFlipped((face) => !face);
        return;
      }
      const grade = gradeForKey(event.key);
      if (grade && flipped && !busy) {
        event.preventDefault();
        onGrade(grade);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flipped, busy, onGrade]);

  return (
    <article className="study-card flashcard" data-testid="flashcard" data-flipped={flipped} aria-label={t("study.kind.flashcard")}>
      <p className="study-face-label">{t("study.front")}</p>
      <p className="study-question" data-testid="flashcard-front">
        {card.question}
      </p>
      <div id={backId} className="flashcard-back" aria-live="polite">
        {flipped && (
          <>
            <p className="study-face-label">{t("study.back")}</p>
            <p className="study-answer" data-testid="flashcard-back">
              {card.answer}
            </p>
            <StudySourceLink source={card.source} onOpen={onSource} />
          </>
        )}
      </div>
      <div className="study-actions">
        <button
          type="button"
          className={flipped ? "button" : "button button-primary"}
          aria-expanded={flipped}
          aria-controls={backId}
          aria-keyshortcuts="Space"
          onClick={() => setFlipped((face) => !face)}
          data-testid="flashcard-flip"
        >
          {t(flipped ? "study.flipBack" : "study.flip")}
        </button>
      </div>
      {flipped && (
        <fieldset className="study-grades" disabled={busy}>
          <legend>{t("study.gradeLabel")}</legend>
          {GRADES.map((grade) => (
            <button
              key={grade}
              type="button"
              className={`button study-grade study-grade-${GRADE_NAMES[grade]}`}
              aria-keyshortcuts={String(grade)}
              onClick={() => onGrade(grade)}
              data-testid={`grade-${grade}`}
            >
              <kbd aria-hidden="true">{grade}</kbd> {t(`study.grade.${GRADE_NAMES[grade]}`)}
            </button>
          ))}
        </fieldset>
      )}
      <p className="hint">{t("study.keys")}</p>
    </article>
  );
}
