"use client";
/**
 * A generation of study items (issue 18): start it, follow its job until done or failed (one
 * look every `pollMs`), then tell the caller, who reloads the drafts. One job at a time; the
 * polling stops when the component unmounts.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { JOB_POLL_MS, jobFinished } from "@/lib/study";
import type { StudyGenerateRequest, StudyJob } from "@/lib/types";
import { useTeacherAuth } from "./use-teacher-auth";

export interface StudyJobState {
  job: StudyJob | null;
  /** A failure to start or to follow the job (the job's own failure is `job.error`). */
  error: ApiError | null;
  running: boolean;
  start: (body: StudyGenerateRequest) => Promise<void>;
}

export function useStudyJob(collection: string, onFinished: (job: StudyJob) => void, pollMs = JOB_POLL_MS): StudyJobState {
  const { withTeacher } = useTeacherAuth();
  const [job, setJob] = useState<StudyJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  const finished = useRef(onFinished);
  const alive = useRef(true);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const follow = useCallback(
    async (current: StudyJob) => {
      let seen = current;
      while (!jobFinished(seen)) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        if (!alive.current) return;
        try {
          seen = await withTeacher(() => api.getStudyJob(current.id));
        } catch (failure) {
          if (alive.current) setError(asApiError(failure));
          return;
        }
        if (!alive.current) return;
        setJob(seen);
      }
      finished.current(seen);
    },
    [withTeacher, pollMs],
  );

  const start = useCallback(
    async (body: StudyGenerateRequest) => {
      setStarting(true);
      setError(null);
      setJob(null);
      let started: StudyJob;
      try {
        started = await withTeacher(() => api.generateStudy(collection, body));
      } catch (failure) {
        if (alive.current) setError(asApiError(failure));
        return;
      } finally {
        if (alive.current) setStarting(false);
      }
      if (!alive.current) return;
      setJob(started);
      await follow(started);
    },
    [collection, withTeacher, follow],
  );

  const running = starting || (!!job && !jobFinished(job) && !error);
  return { job, error, running, start };
}
