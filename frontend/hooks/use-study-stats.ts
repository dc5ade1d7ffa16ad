"use client";
/** How the students answered a course's items, and the pages behind the most missed ones. */
import { useCallback } from "react";
import { api } from "@/lib/api-client";
import { useRemote } from "./use-remote";
import { useTeacherAuth } from "./use-teacher-auth";

export function useStudyStats(collection: string) {
  const { withTeacher } = useTeacherAuth();
  const load = useCallback(() => withTeacher(() => api.getStudyStats(collection)), [collection, withTeacher]);
  const { data, error, loading, refresh } = useRemote(load);
  return { stats: data, error, loading, refresh };
}
