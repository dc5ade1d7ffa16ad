"use client";
/** The course (collection) chosen in the header, shared by chat, library and insights. */
import { createContext, useContext } from "react";
import type { ApiError } from "@/lib/api-client";
import type { Collection, TutorModeRequest } from "@/lib/types";

export { DEFAULT_COURSE } from "@/lib/course-name";

export interface CoursesValue {
  courses: Collection[] | null;
  selected: string;
  current: Collection | null;
  loadError: ApiError | null;
  /**
   * The course the address or this browser asked for that the list no longer has (deleted, or
   * a class pass revoked): `selected` fell back to another one and the page says so.
   */
  missing: string | null;
  select: (id: string) => void;
  refresh: () => Promise<void>;
  create: (name: string) => Promise<Collection>;
  rename: (id: string, name: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** Teacher: set how a course answers (issue 19). */
  setTutorMode: (id: string, setting: TutorModeRequest) => Promise<void>;
}

export const CoursesContext = createContext<CoursesValue | null>(null);

/** Read the courses context; only valid under the app's providers. */
export function useCourses(): CoursesValue {
  const value = useContext(CoursesContext);
  if (!value) throw new Error("useCourses must be used inside <AppProviders>");
  return value;
}
