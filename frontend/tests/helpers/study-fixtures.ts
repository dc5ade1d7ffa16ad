/** Study items (issue 18) as the backend sends them, for the study tools' tests. */
import type { StudentItem, StudyItem, StudyJob, StudySource } from "@/lib/types";

export const source: StudySource = {
  document_id: "d1",
  title: "Fotossíntese",
  page: 2,
  chunk_id: "c7",
  passage: "A clorofila absorve a luz vermelha e a azul.",
};

export function item(overrides: Partial<StudyItem> = {}): StudyItem {
  return {
    id: "i1", collection: "default", kind: "short_answer", question: "Que pigmento absorve a luz?", answer: "clorofila",
    options: [], distractors: [], status: "draft", source, created_at: "2026-01-01T10:00:00Z", updated_at: "2026-01-01T10:00:00Z",
    ...overrides,
  };
}

export function card(overrides: Partial<StudentItem> = {}): StudentItem {
  return { id: "f1", kind: "flashcard", question: "O que é a clorofila?", answer: "O pigmento verde das plantas.", options: [], source, due: null, ...overrides };
}

export function job(overrides: Partial<StudyJob> = {}): StudyJob {
  return {
    id: "j1", collection_id: "default", status: "queued", progress: { done: 0, total: 0 }, created: null, generated: null, mode: null, error: null,
    ...overrides,
  };
}
