"use client";
/**
 * "Estudar" (issue 18): a student's practice in the chosen course. How many cards are due today,
 * flashcards (flip, grade 1-4) and a quiz (answer, see the cited passage and open its page), and
 * deleting one's study history. While the course is in prova the tools are hidden and a notice
 * says why. Remounted per course.
 */
import { useState } from "react";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { useStudySession } from "@/hooks/use-study-session";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import { GRADE_NAMES, isQuiz, type Grade } from "@/lib/study";
import { modeNow } from "@/lib/tutor";
import type { QuizVerdict, StudentItem, StudySource } from "@/lib/types";
import { ConfirmDialog } from "../confirm-dialog";
import { Flashcard } from "./flashcard";
import { QuizCard } from "./quiz-card";
import { StudyLayout } from "./study-layout";

type Mode = "cards" | "quiz";

export function dueTodayLabel(count: number, t: Translate): string {
  if (count <= 0) return t("study.dueTodayNone");
  return count === 1 ? t("study.dueTodayOne") : t("study.dueToday", { count });
}

export function StudyView() {
  const { selected } = useCourses();
  return <StudySession key={selected} collection={selected} />;
}

function StudySession({ collection }: { collection: string }) {
  const { t, locale } = useI18n();
  const { current } = useCourses();
  const name = courseName(current, collection, t);
  // Unknown until the courses load; a course in prova is never asked for cards.
  const provaNow = !!current && modeNow(current) === "prova";
  const session = useStudySession(collection, !!current && !provaNow);
  const [mode, setMode] = useState<Mode>("cards");
  const [verdict, setVerdict] = useState<{ id: string; verdict: QuizVerdict } | null>(null);
  const [forgetting, setForgetting] = useState(false);
  const [graded, setGraded] = useState("");
  const [forgotten, setForgotten] = useState(false);
  const inExam = provaNow || session.inExam;

  const cards = session.due?.cards ?? [];
  const flashcards = cards.filter((card) => !isQuiz(card.kind));
  const quizzes = cards.filter((card) => isQuiz(card.kind));
  // The answered item stays on screen (with its verdict) until "Next".
  const shown: StudentItem | undefined = mode === "cards" ? flashcards[0] : quizzes[0];

  const grade = async (card: StudentItem, value: Grade) => {
    if (await session.grade(card.id, value)) setGraded(t("study.graded", { grade: t(`study.grade.${GRADE_NAMES[value]}`) }));
  };
  const answer = async (card: StudentItem, text: string) => {
    const result = await session.answer(card.id, text);
    if (result) setVerdict({ id: card.id, verdict: result });
  };
  const next = (card: StudentItem) => {
    setVerdict(null);
    session.next(card.id);
  };

  return (
    <StudyLayout>
      {(openSource: (source: StudySource) => void) => (
        <>
          <h1>{t("study.title")}</h1>
          <p className="lead">{t("study.intro", { course: name })}</p>
          {inExam ? (
            <section className="card study-in-exam" role="status" data-testid="study-in-exam" aria-labelledby="study-exam-title">
              <h2 id="study-exam-title">{t("study.inExamTitle")}</h2>
              <p>{t("study.inExam", { course: name })}</p>
            </section>
          ) : (
            <>
              {session.error && (
                <p className="form-error" role="alert" data-testid="study-error">
                  {describeError(session.error.code, locale, session.error.message)}
                </p>
              )}
              {session.due && (
                <p className="study-due" data-testid="study-due-today" data-count={session.due.due_today}>
                  {dueTodayLabel(session.due.due_today, t)}
                </p>
              )}
              {session.loading && !session.due && <p className="muted">{t("common.loading")}</p>}
              {session.due && (
                <section className="card" aria-label={t("study.modes")}>
                  <div className="study-modes" role="group" aria-label={t("study.modes")}>
                    {(["cards", "quiz"] as const).map((option) => (
                      <button
                        key={option}
                        type="button"
                        className="button"
                        aria-pressed={mode === option}
                        onClick={() => {
                          setMode(option);
                          setVerdict(null);
                        }}
                        data-testid={`study-mode-${option}`}
                      >
                        {t(`study.mode.${option}`, { count: (option === "cards" ? flashcards : quizzes).length })}
                      </button>
                    ))}
                  </div>
                  {!shown && (
                    <div className="study-empty" data-testid="study-empty">
                      <p className="muted">{t(cards.length === 0 ? "study.nothing" : "study.nothingHere")}</p>
                      <button type="button" className="button" onClick={() => void session.refresh()} data-testid="study-reload">
                        {t("study.reload")}
                      </button>
                    </div>
                  )}
                  {shown && mode === "cards" && (
                    <Flashcard key={shown.id} card={shown} busy={session.busy} onGrade={(value) => void grade(shown, value)} onSource={openSource} />
                  )}
                  {shown && mode === "quiz" && (
                    <QuizCard
                      key={shown.id}
                      card={shown}
                      busy={session.busy}
                      verdict={verdict?.id === shown.id ? verdict.verdict : null}
                      onAnswer={(text) => void answer(shown, text)}
                      onNext={() => next(shown)}
                      onSource={openSource}
                    />
                  )}
                  <p className="sr-only" role="status">
                    {graded}
                  </p>
                </section>
              )}
            </>
          )}
          <section className="study-forget">
            <button type="button" className="button button-danger-text" onClick={() => setForgetting(true)} data-testid="study-forget">
              {t("study.forget")}
            </button>
            <p role="status" className="muted" data-testid="study-forget-status">
              {forgotten ? t("study.forgotten") : ""}
            </p>
          </section>
          {forgetting && (
            <ConfirmDialog
              title={t("study.forgetTitle")}
              message={t("study.forgetConfirm")}
              confirmLabel={t("study.forgetAccept")}
              onCancel={() => setForgetting(false)}
              onConfirm={() => {
                setForgetting(false);
                setVerdict(null);
                void session.forget().then(setForgotten);
              }}
            />
          )}
        </>
      )}
    </StudyLayout>
  );
}
