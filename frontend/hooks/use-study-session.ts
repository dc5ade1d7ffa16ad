"use client";
/**
 * A student's practice in one course (issue 18): the cards due now and how many are due today;
 * grading a flashcard or answering a quiz item takes it off the queue; the history can be
 * deleted. While the course is in prova the backend refuses (409 `conflict:study_in_exam`).
 */
import { useCallback, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { Grade } from "@/lib/study";
import type { QuizVerdict, StudyDue } from "@/lib/types";
import { useRemote } from "./use-remote";

export const STUDY_IN_EXAM = "conflict:study_in_exam";

export function useStudySession(collection: string, enabled: boolean) {
  const load = useCallback(
    (): Promise<StudyDue | null> => (enabled ? api.getStudyDue(collection) : Promise.resolve(null)),
    [collection, enabled],
  );
  const { data: due, error: loadError, loading, refresh, setData } = useRemote(load);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  /** The card leaves the queue, and the day's count goes down by one. */
  const drop = useCallback(
    (itemId: string) =>
      setData((current) =>
        current ? { due_today: Math.max(0, current.due_today - 1), cards: current.cards.filter((c) => c.id !== itemId) } : current,
      ),
    [setData],
  );

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    try {
      const result = await action();
      setError(null);
      return result;
    } catch (failure) {
      setError(asApiError(failure));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const grade = useCallback(
    async (itemId: string, value: Grade) => {
      const card = await run(() => api.gradeStudyCard(itemId, value));
      if (card) drop(itemId);
      return card !== null;
    },
    [run, drop],
  );

  /** The verdict; the caller shows it and calls `next` to move on. */
  const answer = useCallback((itemId: string, text: string): Promise<QuizVerdict | null> => run(() => api.answerStudyItem(itemId, text)), [run]);

  const forget = useCallback(async () => {
    const done = (await run(() => api.deleteStudyHistory())) !== null;
    if (done) await refresh();
    return done;
  }, [run, refresh]);

  const failure = error ?? loadError;
  const inExam = failure?.code === STUDY_IN_EXAM;
  return { due, loading, error: failure, inExam, busy, refresh, grade, answer, next: drop, forget };
}
