"use client";
/** Thumbs up/down per answer, sent to the backend and remembered for this page. */
import { useCallback, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { Rating } from "@/lib/types";

export interface FeedbackEntry {
  rating: Rating;
  commented: boolean;
  error: ApiError | null;
}

/** Rate answers by server message id; a later call for the same id replaces the rating. */
export function useFeedback() {
  const [entries, setEntries] = useState<Record<string, FeedbackEntry>>({});

  const rate = useCallback(async (messageId: string, rating: Rating, comment?: string) => {
    const commented = Boolean(comment?.trim());
    setEntries((all) => ({ ...all, [messageId]: { rating, commented, error: null } }));
    try {
      await api.sendFeedback(messageId, rating, comment?.trim() || undefined);
    } catch (failure) {
      const error = asApiError(failure);
      setEntries((all) => ({ ...all, [messageId]: { rating, commented, error } }));
    }
  }, []);

  return { entries, rate };
}
