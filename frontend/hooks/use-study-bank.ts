"use client";
/**
 * A course's question bank as the teacher reviews it (issue 18): every item, newest list after
 * each write; edit one (the source stays), approve or reject one or many.
 */
import { useCallback, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { StudyItem, StudyItemEdit } from "@/lib/types";
import { useRemote } from "./use-remote";
import { useTeacherAuth } from "./use-teacher-auth";

export function useStudyBank(collection: string) {
  const { withTeacher } = useTeacherAuth();
  const load = useCallback(() => withTeacher(() => api.listStudyItems(collection)), [collection, withTeacher]);
  const { data: items, error, loading, refresh, setData } = useRemote(load);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  /** Run a write; true when it went through. The list is reloaded either way. */
  const act = useCallback(
    async (action: () => Promise<unknown>) => {
      try {
        await withTeacher(action);
        setActionError(null);
        return true;
      } catch (failure) {
        setActionError(asApiError(failure));
        return false;
      } finally {
        await refresh();
      }
    },
    [withTeacher, refresh],
  );

  const edit = useCallback(
    async (id: string, change: StudyItemEdit) => {
      try {
        const updated = await withTeacher(() => api.editStudyItem(id, change));
        setActionError(null);
        setData((all) => all?.map((item): StudyItem => (item.id === id ? updated : item)) ?? all);
        return true;
      } catch (failure) {
        setActionError(asApiError(failure));
        return false;
      }
    },
    [withTeacher, setData],
  );

  const approve = useCallback(
    (ids: string[]) => act(() => api.approveStudyItems(collection, ids)),
    [act, collection],
  );
  /** There is no bulk reject: one PATCH per item. */
  const reject = useCallback(
    (ids: string[]) => act(() => Promise.all(ids.map((id) => api.editStudyItem(id, { status: "rejected" })))),
    [act],
  );

  return { items, error, actionError, loading, refresh, edit, approve, reject };
}
