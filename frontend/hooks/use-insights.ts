"use client";
/** Teacher insights for a course: refused questions, thumbs-down answers, most cited documents. */
import { useCallback } from "react";
import { api } from "@/lib/api-client";
import { useRemote } from "./use-remote";
import { useTeacherAuth } from "./use-teacher-auth";

/** Load the insights of `collection` (teacher credential asked for when the backend wants it). */
export function useInsights(collection: string) {
  const { withTeacher } = useTeacherAuth();
  const load = useCallback(() => withTeacher(() => api.getInsights(collection)), [collection, withTeacher]);
  const { data, error, loading, refresh } = useRemote(load);
  return { insights: data, error, loading, refresh };
}
