"use client";
/**
 * The source panel's state: the citations of the answer it was opened from, which one is
 * shown, and that one's page (fetched from /api/chunks/<id>/source). The newest request wins.
 */
import { useCallback, useRef, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { Citation, SourcePage } from "@/lib/types";

export interface SourceState {
  citations: Citation[];
  index: number;
  /** Counts the opens from an answer (not the moves): the panel refocuses on each. */
  opened: number;
  source: SourcePage | null;
  loading: boolean;
  error: ApiError | null;
}

export function useSource() {
  const [state, setState] = useState<SourceState | null>(null);
  const latest = useRef(0);
  const opens = useRef(0);

  const show = useCallback(async (citations: Citation[], index: number) => {
    const citation = citations[index];
    if (!citation) return;
    const ticket = ++latest.current;
    const opened = opens.current;
    setState({ citations, index, opened, source: null, loading: true, error: null });
    try {
      const source = await api.getSource(citation.chunk_id);
      if (ticket === latest.current) setState({ citations, index, opened, source, loading: false, error: null });
    } catch (error) {
      if (ticket === latest.current) setState({ citations, index, opened, source: null, loading: false, error: asApiError(error) });
    }
  }, []);

  /** Show `citation`, with the other citations of its answer one arrow key away. */
  const open = useCallback(
    (citation: Citation, citations: Citation[] = [citation]) => {
      opens.current += 1;
      const index = citations.indexOf(citation);
      return index >= 0 ? show(citations, index) : show([citation], 0);
    },
    [show],
  );

  /** The previous (-1) or next (+1) citation of the same answer, when there is one. */
  const move = useCallback(
    (delta: number) => {
      if (!state) return;
      const index = state.index + delta;
      if (index >= 0 && index < state.citations.length) void show(state.citations, index);
    },
    [show, state],
  );

  const close = useCallback(() => {
    latest.current += 1;
    setState(null);
  }, []);

  return { state, open, move, close };
}
