"use client";
/** Language, teacher credential, session and course contexts for every page, plus the credential dialog. */
import { useEffect, useRef, type ReactNode } from "react";
import { CoursesContext } from "@/hooks/use-courses";
import { useCoursesState } from "@/hooks/use-courses-state";
import { I18nContext } from "@/hooks/use-i18n";
import { SessionContext } from "@/hooks/use-session";
import { useSessionState } from "@/hooks/use-session-state";
import { useStoredLocale } from "@/hooks/use-stored-locale";
import type { Locale } from "@/lib/i18n";
import { TeacherAuthContext } from "@/hooks/use-teacher-auth";
import { useTeacherAuthState } from "@/hooks/use-teacher-auth-state";
import { TeacherTokenDialog } from "../teacher-token-dialog";

export function AppProviders({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const i18n = useStoredLocale(initialLocale);
  const auth = useTeacherAuthState();
  const session = useSessionState();
  const courses = useCoursesState(auth.withTeacher);
  // Signing in or out changes which courses this browser may see.
  const teacherId = session.teacher?.id ?? null;
  const seen = useRef<string | null | undefined>(undefined);
  const refreshCourses = courses.refresh;
  useEffect(() => {
    if (session.loading) return;
    if (seen.current !== undefined && seen.current !== teacherId) void refreshCourses();
    seen.current = teacherId;
  }, [session.loading, teacherId, refreshCourses]);
  return (
    <I18nContext.Provider value={i18n}>
      <TeacherAuthContext.Provider value={auth}>
        <SessionContext.Provider value={session}>
          <CoursesContext.Provider value={courses}>
            {children}
            <TeacherTokenDialog />
          </CoursesContext.Provider>
        </SessionContext.Provider>
      </TeacherAuthContext.Provider>
    </I18nContext.Provider>
  );
}
