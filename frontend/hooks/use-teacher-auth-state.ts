"use client";
/** State behind the teacher credential dialog, and the retrying `withTeacher` wrapper. */
import { useCallback, useMemo, useRef, useState } from "react";
import { ApiError } from "@/lib/api-client";
import { readTeacherToken, writeTeacherToken } from "@/lib/teacher-token";
import type { TeacherAuthValue, TeacherPrompt } from "./use-teacher-auth";

const MAX_PROMPTS = 3;

/** Own the dialog; concurrent refused calls share one prompt and all retry with its answer. */
export function useTeacherAuthState(): TeacherAuthValue {
  const [prompt, setPrompt] = useState<TeacherPrompt | null>(null);
  const pending = useRef<{ promise: Promise<string | null>; resolve: (t: string | null) => void } | null>(null);

  const ask = useCallback((wrong: boolean): Promise<string | null> => {
    if (!pending.current) {
      let resolve: (token: string | null) => void = () => undefined;
      const promise = new Promise<string | null>((r) => (resolve = r));
      pending.current = { promise, resolve };
      setPrompt({ wrong });
    }
    return pending.current.promise;
  }, []);

  const settle = useCallback((token: string | null) => {
    if (token) writeTeacherToken(token);
    pending.current?.resolve(token);
    pending.current = null;
    setPrompt(null);
  }, []);

  const withTeacher = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      for (let prompts = 0; ; ) {
        const used = readTeacherToken();
        try {
          return await action();
        } catch (error) {
          if (!(error instanceof ApiError) || !error.needsTeacher) throw error;
          const current = readTeacherToken();
          if (current && current !== used) continue; // Another call just got a fresh token.
          if (prompts >= MAX_PROMPTS) throw error;
          prompts += 1;
          if (used) writeTeacherToken(null);
          const token = await ask(used !== null);
          if (!token) throw error;
        }
      }
    },
    [ask],
  );

  return useMemo(
    () => ({ withTeacher, prompt, submit: (token: string) => settle(token.trim() || null), cancel: () => settle(null) }),
    [withTeacher, prompt, settle],
  );
}
