"use client";
/**
 * One quiz item (multiple choice, short answer or cloze): the student answers, and the verdict
 * comes at once with the expected answer and the cited passage, its page one click away in the
 * source panel. Remount it per item (`key`).
 */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { QuizVerdict, StudentItem, StudySource } from "@/lib/types";
import { StudySourceLink } from "./study-source-link";

export interface QuizCardProps {
  card: StudentItem;
  busy: boolean;
  verdict: QuizVerdict | null;
  onAnswer: (answer: string) => void;
  onNext: () => void;
  onSource: (source: StudySource) => void;
}

export function QuizCard({ card, busy, verdict, onAnswer, onNext, onSource }: QuizCardProps) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState("");
  const id = useId();
  const choice = card.kind === "multiple_choice";
  const answered = verdict !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim() && !busy && !answered) onAnswer(answer.trim());
  };

  return (
    <article className="study-card quiz-card" data-testid="quiz-card" data-kind={card.kind} aria-labelledby={`${id}-q`}>
      <p className="study-face-label">{t(`study.kind.${card.kind}`)}</p>
      <p id={`${id}-q`} className="study-question" data-testid="quiz-question">
        {card.question}
      </p>
      <form onSubmit={submit} data-testid="quiz-form">
        {choice ? (
          <fieldset className="quiz-options" disabled={answered}>
            <legend className="sr-only">{t("study.choose")}</legend>
            {card.options.map((option, index) => (
              <label key={`${option}-${index}`} className="quiz-option">
                <input
                  type="radio"
                  name={`${id}-option`}
                  value={option}
                  checked={answer === option}
                  onChange={() => setAnswer(option)}
                  data-testid="quiz-option"
                />
                <span>{option}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <div className="quiz-typed">
            <label htmlFor={`${id}-answer`}>{t("study.yourAnswer")}</label>
            <input
              id={`${id}-answer`}
              type="text"
              value={answer}
              onChange={(event) => setAnswer(event.target.value)}
              readOnly={answered}
              autoComplete="off"
              maxLength={500}
              data-testid="quiz-input"
            />
          </div>
        )}
        {!answered && (
          <button type="submit" className="button button-primary" disabled={busy || !answer.trim()} data-testid="quiz-submit">
            {t("study.answer")}
          </button>
        )}
      </form>
      <div role="status" aria-live="polite">
        {verdict && (
          <div className={verdict.correct ? "quiz-feedback is-correct" : "quiz-feedback is-wrong"} data-testid="quiz-feedback" data-correct={verdict.correct}>
            <p className="quiz-verdict">
              <strong>{t(verdict.correct ? "study.correct" : "study.incorrect")}</strong>{" "}
              {!verdict.correct && <span data-testid="quiz-expected">{t("study.expected", { answer: verdict.answer })}</span>}
            </p>
            <p className="study-face-label">{t("study.passage")}</p>
            <blockquote className="passage-text" data-testid="quiz-passage">
              {verdict.source.passage}
            </blockquote>
            <StudySourceLink source={verdict.source} onOpen={onSource} />
          </div>
        )}
      </div>
      {answered && (
        <div className="study-actions">
          <button type="button" className="button button-primary" onClick={onNext} data-testid="quiz-next" autoFocus>
            {t("study.next")}
          </button>
        </div>
      )}
    </article>
  );
}
