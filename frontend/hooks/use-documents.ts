"use client";
/** A course's documents, polled while any is still queued or processing; rename, delete, re-index. */
import { useCallback, useEffect, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { DocumentInfo } from "@/lib/types";
import { useRemote } from "./use-remote";
import { useTeacherAuth } from "./use-teacher-auth";

export const POLL_MS = 1500;

const pending = (doc: DocumentInfo) => doc.status === "queued" || doc.status === "processing";

/** Own the document list of `collection`; writes go through the teacher credential. */
export function useDocuments(collection: string, pollMs = POLL_MS) {
  const { withTeacher } = useTeacherAuth();
  const load = useCallback(() => withTeacher(() => api.listDocuments(collection)), [collection, withTeacher]);
  const { data: documents, error, refresh, setData } = useRemote(load);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const polling = documents?.some(pending) ?? false;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [polling, refresh, pollMs]);

  const act = useCallback(
    async (action: () => Promise<unknown>) => {
      try {
        await withTeacher(action);
        setActionError(null);
        await refresh();
        return true;
      } catch (failure) {
        setActionError(asApiError(failure));
        return false;
      }
    },
    [withTeacher, refresh],
  );

  const rename = useCallback((id: string, title: string) => act(() => api.renameDocument(id, title)), [act]);
  const remove = useCallback((id: string) => act(() => api.deleteDocument(id)), [act]);

  /**
   * Index a document again. Resolves to null once it is back in the queue (the list shows it at
   * once and polls it like an upload), or to the failure, which the caller shows on that row.
   */
  const reindex = useCallback(
    async (id: string): Promise<ApiError | null> => {
      try {
        const updated = await withTeacher(() => api.reindexDocument(id));
        if (updated && typeof updated === "object" && updated.id === id) {
          setData((all) => all?.map((doc) => (doc.id === id ? { ...doc, ...updated } : doc)) ?? all);
        }
        await refresh();
        return null;
      } catch (failure) {
        const error = asApiError(failure);
        // 409: it is indexing already; reload so the list shows that and polls it to the end.
        if (error.status === 409) await refresh();
        return error;
      }
    },
    [withTeacher, refresh, setData],
  );

  return { documents, error, actionError, refresh, rename, remove, reindex };
}
