"use client";
/** The cited passage being shown: the chunk's text plus its document (to link the original file). */
import { useCallback, useRef, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { Chunk, Citation, DocumentInfo } from "@/lib/types";

export interface PassageState {
  citation: Citation;
  chunk: Chunk | null;
  document: DocumentInfo | null;
  loading: boolean;
  error: ApiError | null;
}

/** Open a citation: fetch its chunk and document together; the newest open wins. */
export function usePassage() {
  const [passage, setPassage] = useState<PassageState | null>(null);
  const latest = useRef(0);

  const open = useCallback(async (citation: Citation) => {
    const ticket = ++latest.current;
    setPassage({ citation, chunk: null, document: null, loading: true, error: null });
    const [chunk, document] = await Promise.allSettled([
      api.getChunk(citation.chunk_id),
      api.getDocument(citation.document_id),
    ]);
    if (ticket !== latest.current) return;
    const failure = chunk.status === "rejected" ? chunk.reason : null;
    setPassage({
      citation,
      chunk: chunk.status === "fulfilled" ? chunk.value : null,
      document: document.status === "fulfilled" ? document.value : null,
      loading: false,
      error: failure ? asApiError(failure) : null,
    });
  }, []);

  const close = useCallback(() => {
    latest.current += 1;
    setPassage(null);
  }, []);

  return { passage, open, close };
}
