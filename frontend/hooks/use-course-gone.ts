"use client";
/** A call that found the chosen course gone (404 not_found:collection) reloads the course list. */
import { useEffect } from "react";
import { useCourses } from "./use-courses";

/** When `code` says the course is gone, reload the list: the header then falls back to another. */
export function useCourseGone(code: string | null | undefined): void {
  const { refresh } = useCourses();
  useEffect(() => {
    if (code === "not_found:collection") void refresh();
  }, [code, refresh]);
}
