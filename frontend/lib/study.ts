/**
 * The study tools on this side of the wire (issue 18): grades and their keys, quiz kinds, a
 * source as the source panel opens it, generation jobs, what
 * a generate form sends, and an export's file name.
 */
import type {
  Citation,
  StudyGenerateRequest,
  StudyJob,
  StudyKind,
  StudySource,
} from "./types";

/** FSRS grades: 1 Again, 2 Hard, 3 Good, 4 Easy ("De novo", "Difícil", "Bom", "Fácil"). */
export type Grade = 1 | 2 | 3 | 4;
export const GRADES: readonly Grade[] = [1, 2, 3, 4];
export const GRADE_NAMES = { 1: "again", 2: "hard", 3: "good", 4: "easy" } as const satisfies Record<Grade, string>;

/** The grade a key stands for (the digits 1-4, top row or keypad), or null. */
export function gradeForKey(key: string): Grade | null {
  return GRADES.find((grade) => String(grade) === key) ?? null;
}

/** Kinds answered (a verdict at once) rather than flipped and graded. */
export const QUIZ_KINDS: readonly StudyKind[] = ["multiple_choice", "short_answer", "cloze"];
export const STUDY_KINDS: readonly StudyKind[] = ["flashcard", ...QUIZ_KINDS];

export function isQuiz(kind: StudyKind): boolean {
  return QUIZ_KINDS.includes(kind);
}

/** A study item's source as a citation, so the chat's source panel opens its page. */
export function sourceCitation(source: StudySource): Citation {
  const { document_id, title, page, chunk_id, passage } = source;
  return { document_id, title, page, chunk_id, snippet: passage };
}

/** Milliseconds between two looks at a running generation job. */
export const JOB_POLL_MS = 1000;

export function jobFinished(job: StudyJob): boolean {
  return job.status === "done" || job.status === "failed";
}

/** The job's progress as a 0..1 fraction, or null while its size is unknown. */
export function jobFraction(job: StudyJob): number | null {
  const { done, total } = job.progress;
  return total > 0 ? Math.min(1, done / total) : null;
}

/** What a generation covers: the whole course, one document, or a page range of one. */
export type GenerateScope = "course" | "document" | "pages";

export interface GenerateChoice {
  scope: GenerateScope;
  documentId: string;
  firstPage: string;
  lastPage: string;
}

/** The page number typed in a box, or null when it is blank or not a whole number. */
function pageNumber(value: string): number | null {
  const text = value.trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * The body of a generate request for the form's choice. A page range with one end blank runs to
 * the document's edge (the backend's rule); null when the choice is incomplete (no document).
 */
export function generateBody(choice: GenerateChoice): StudyGenerateRequest | null {
  if (choice.scope === "course") return {};
  if (!choice.documentId) return null;
  if (choice.scope === "document") return { document_id: choice.documentId };
  const first = pageNumber(choice.firstPage);
  const last = pageNumber(choice.lastPage);
  if (first === null && last === null) return null;
  return {
    document_id: choice.documentId,
    ...(first === null ? {} : { first_page: first }),
    ...(last === null ? {} : { last_page: last }),
  };
}

/** The file name a `Content-Disposition` header gives (RFC 5987 `filename*` first), or `fallback`. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // A malformed escape: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Every export format, with the extension its file gets when the server names none. */
export const EXPORT_FORMATS = [
  { format: "apkg", extension: "apkg" },
  { format: "moodle", extension: "xml" },
  { format: "csv", extension: "csv" },
] as const;
