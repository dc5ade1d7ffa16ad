/**
 * The tutor modes on this side of the wire (issue 19): which mode a course answers in, what
 * rung a tutor answer stands on, locations as citations for the source panel, and the prova
 * window in the teacher's clock (Brasília), as a `datetime-local` input reads and writes it.
 */
import type { Citation, Collection, TutorLocation, TutorMode, TutorState } from "./types";

export const TUTOR_MODES: readonly TutorMode[] = ["direto", "tutor", "prova"];
/** Hints before the answer in tutor mode: the guiding question (1), the stronger hint (2). */
export const HINTS = 2;
const ANSWER_LEVEL = 3;
export const SCHOOL_TIME_ZONE = "America/Sao_Paulo";

/** The mode questions are answered in now (an older backend sends none: direto). */
export function modeNow(course: Collection | null | undefined): TutorMode {
  return course?.tutor_mode_now ?? course?.tutor_mode ?? "direto";
}

export type TutorStep = { kind: "hint"; n: number; total: number } | { kind: "answer" } | { kind: "places" };

/** Where a tutor answer stands: hint n of 2, the answer, or (prova) places only; null when refused. */
export function tutorStep(tutor: TutorState): TutorStep | null {
  if (tutor.level <= 0) return null;
  if (tutor.mode === "prova") return { kind: "places" };
  if (tutor.level >= ANSWER_LEVEL) return { kind: "answer" };
  return { kind: "hint", n: tutor.level, total: HINTS };
}

/** True while the student may still answer the open question themselves (tutor, before the answer). */
export function canAttempt(tutor: TutorState | null | undefined): boolean {
  return !!tutor && tutor.mode === "tutor" && tutor.level > 0 && tutor.level < ANSWER_LEVEL;
}

/** A location as the source panel opens it: a citation whose "snippet" is the section's name. */
export function locationCitation(location: TutorLocation): Citation {
  const { document_id, title, page, chunk_id, section } = location;
  return { document_id, title, page, chunk_id, snippet: section ?? "" };
}

/** An instant (ISO with offset) as a `datetime-local` value on the Brasília clock; "" for none. */
export function toSchoolInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: SCHOOL_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

/** A `datetime-local` value for the backend: sent without an offset, so it is read as Brasília time. */
export function fromSchoolInput(value: string): string | null {
  return value.trim() ? value.trim() : null;
}
