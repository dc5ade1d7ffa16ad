"use client";
/** Load the courses, remember the chosen one, and create/rename/delete them as a teacher. */
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { api } from "@/lib/api-client";
import { storedSetting } from "@/lib/stored-setting";
import type { Collection } from "@/lib/types";
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

  // Nothing remembered (or a course since deleted): the default course, unless it is empty and
  // another one has material (the sample course "exemplo" on a first run).
  const known = courses === null || courses.some((course) => course.id === stored);
  const selected = stored && known ? stored : fallbackCourse(courses);
  const current = courses?.find((course) => course.id === selected) ?? null;

  const create = useCallback(
    async (name: string) => {
      const created = await withTeacher(() => api.createCollection(name));
      await refresh();
      setting.set(created.id);
      return { ...created, documents: 0 };
    },
    [withTeacher, refresh],
  );

  const rename = useCallback(
    async (id: string, name: string) => {
      await withTeacher(() => api.renameCollection(id, name));
      await refresh();
    },
    [withTeacher, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      await withTeacher(() => api.deleteCollection(id));
      if (id === selected) setting.set(DEFAULT_COURSE);
      await refresh();
    },
    [withTeacher, refresh, selected],
  );

  return useMemo(
    () => ({ courses, selected, current, loadError, select: setting.set, refresh, create, rename, remove }),
    [courses, selected, current, loadError, refresh, create, rename, remove],
  );
}
