"use client";
/** Language, teacher credential and course contexts for every page, plus the credential dialog. */
import type { ReactNode } from "react";
import { CoursesContext } from "@/hooks/use-courses";
import { useCoursesState } from "@/hooks/use-courses-state";
import { I18nContext } from "@/hooks/use-i18n";
import { useStoredLocale } from "@/hooks/use-stored-locale";
import type { Locale } from "@/lib/i18n";
import { TeacherAuthContext } from "@/hooks/use-teacher-auth";
import { useTeacherAuthState } from "@/hooks/use-teacher-auth-state";
import { TeacherTokenDialog } from "../teacher-token-dialog";

export function AppProviders({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const i18n = useStoredLocale(initialLocale);
  const auth = useTeacherAuthState();
  const courses = useCoursesState(auth.withTeacher);
  return (
    <I18nContext.Provider value={i18n}>
      <TeacherAuthContext.Provider value={auth}>
        <CoursesContext.Provider value={courses}>
          {children}
          <TeacherTokenDialog />
        </CoursesContext.Provider>
      </TeacherAuthContext.Provider>
    </I18nContext.Provider>
  );
}
