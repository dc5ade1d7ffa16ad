"use client";
/** Run teacher-only calls; a 401/403 asks for the teacher credential and retries. */
import { createContext, useContext } from "react";

export interface TeacherPrompt {
  /** True when a stored credential was just refused. */
  wrong: boolean;
}

export interface TeacherAuthValue {
  withTeacher: <T>(action: () => Promise<T>) => Promise<T>;
  prompt: TeacherPrompt | null;
  submit: (token: string) => void;
  cancel: () => void;
}

export const TeacherAuthContext = createContext<TeacherAuthValue>({
  withTeacher: (action) => action(),
  prompt: null,
  submit: () => undefined,
  cancel: () => undefined,
});

/** Read the teacher-auth context. */
export function useTeacherAuth(): TeacherAuthValue {
  return useContext(TeacherAuthContext);
}
