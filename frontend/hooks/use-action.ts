"use client";
/** Run a write, keep its failure for the form to show, and reload what it changed. */
import { useCallback, useState } from "react";
import type { ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";

/** `run(action)` resolves to the action's value (after `reload`), or null with `error` set. */
export function useAction(reload?: () => Promise<void>) {
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | null> => {
      try {
        const value = await action();
        setError(null);
        await reload?.();
        return value;
      } catch (failure) {
        setError(asApiError(failure));
        return null;
      }
    },
    [reload],
  );
  return { error, setError, run };
}
