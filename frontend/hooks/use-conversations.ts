"use client";
/** The list of this browser's past conversations (identified by the backend's cookie). */
import { useCallback, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { ConversationSummary } from "@/lib/types";
import { useRemote } from "./use-remote";

const newestFirst = (list: ConversationSummary[]) =>
  [...list].sort((a, b) => b.updated_at.localeCompare(a.updated_at));

const loadConversations = async () => newestFirst(await api.listConversations());

/** Load, refresh and delete past conversations. */
export function useConversations() {
  const remote = useRemote(loadConversations);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const { setData } = remote;

  const remove = useCallback(
    async (id: string) => {
      try {
        await api.deleteConversation(id);
        setData((all) => all?.filter((c) => c.id !== id) ?? null);
        setDeleteError(null);
      } catch (failure) {
        setDeleteError(asApiError(failure));
      }
    },
    [setData],
  );

  return { conversations: remote.data, error: deleteError ?? remote.error, refresh: remote.refresh, remove };
}
