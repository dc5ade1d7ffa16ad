"use client";
/** Data loaded from the backend: loads when `load` changes, reloads on demand, newest call wins. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";

export interface Remote<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Load again; resolves once the state is updated (never rejects). */
  refresh: () => Promise<void>;
  /** Local edit after a successful write, without a round trip. */
  setData: (update: (current: T | null) => T | null) => void;
}

/** `load` must be stable (useCallback) or every render reloads. */
export function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const ticket = useRef(0);

  const apply = useCallback((promise: Promise<T>) => {
    const mine = ++ticket.current;
    return promise.then(
      (value) => {
        if (mine !== ticket.current) return;
        setDataState(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== ticket.current) return;
        setError(asApiError(failure));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    void apply(load());
  }, [apply, load]);

  const refresh = useCallback(() => {
    setLoading(true);
    return apply(load());
  }, [apply, load]);

  return { data, error, loading, refresh, setData: setDataState };
}
