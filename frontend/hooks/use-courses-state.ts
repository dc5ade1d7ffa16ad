"use client";
/**
 * Load the courses, follow the chosen one (the URL's `?curso=` first, else the one remembered in
 * this browser), and create/rename/delete them as a teacher.
 */
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import { api } from "@/lib/api-client";
import { courseFrom, courseHref, writeUrl } from "@/lib/chat-url";
import { storedSetting } from "@/lib/stored-setting";
import type { Collection, TutorModeRequest } from "@/lib/types";
import { DEFAULT_COURSE, type CoursesValue } from "./use-courses";
import { useRemote } from "./use-remote";

const setting = storedSetting("chatgepeto.course");
const serverSnapshot = () => null;

function fallbackCourse(courses: Collection[] | null): string {
  const byDefault = courses?.find((course) => course.id === DEFAULT_COURSE);
  if (!courses || (byDefault && byDefault.documents > 0)) return DEFAULT_COURSE;
  const fullest = courses.reduce<Collection | null>((best, c) => (c.documents > (best?.documents ?? 0) ? c : best), null);
  return fullest?.id ?? DEFAULT_COURSE;
}

/** Own the course list; teacher-only writes go through `withTeacher`. */
export function useCoursesState(withTeacher: <T>(action: () => Promise<T>) => Promise<T>): CoursesValue {
  const { data: courses, error: loadError, refresh } = useRemote(api.listCollections);
  const stored = useSyncExternalStore(setting.subscribe, setting.get, serverSnapshot);
  // Null outside the App Router (unit tests): the remembered course alone decides there.
  const pathname: string | null = usePathname();
  const search = useSearchParams();
  const linked = courseFrom(search);

  // A linked course wins over the remembered one. Nothing usable (or a course since deleted):
  // the default course, unless it is empty and another one has material (the sample course
  // "exemplo" on a first run).
  const isKnown = (id: string | null) => !!id && (courses === null || courses.some((course) => course.id === id));
  const choice = isKnown(linked) ? linked : isKnown(stored) ? stored : null;
  const selected = choice ?? fallbackCourse(courses);
  const current = courses?.find((course) => course.id === selected) ?? null;
  const linkedExists = !!linked && !!courses?.some((course) => course.id === linked);
  const wanted = linked ?? stored;
  const missing = courses && wanted && !courses.some((course) => course.id === wanted) ? wanted : null;

  // A link (or the back button) that changes the course makes it the remembered one too.
  useEffect(() => {
    if (linkedExists && linked && linked !== setting.get()) setting.set(linked);
  }, [linked, linkedExists]);

  const select = useCallback(
    (id: string) => {
      if (pathname !== null) writeUrl(courseHref(pathname, search, id));
      setting.set(id);
    },
    [pathname, search],
  );

  const create = useCallback(
    async (name: string) => {
      const created = await withTeacher(() => api.createCollection(name));
      await refresh();
      select(created.id);
      return { ...created, documents: 0 };
    },
    [withTeacher, refresh, select],
  );

  const rename = useCallback(
    async (id: string, name: string) => {
      await withTeacher(() => api.renameCollection(id, name));
      await refresh();
    },
    [withTeacher, refresh],
  );

  const setTutorMode = useCallback(
    async (id: string, setting: TutorModeRequest) => {
      await withTeacher(() => api.setTutorMode(id, setting));
      await refresh();
    },
    [withTeacher, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      await withTeacher(() => api.deleteCollection(id));
      if (id === selected) select(DEFAULT_COURSE);
      await refresh();
    },
    [withTeacher, refresh, selected, select],
  );

  return useMemo(
    () => ({ courses, selected, current, loadError, missing, select, refresh, create, rename, remove, setTutorMode }),
    [courses, selected, current, loadError, missing, select, refresh, create, rename, remove, setTutorMode],
  );
}
