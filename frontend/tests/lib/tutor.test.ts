import { stepLabel } from "@/components/chat/tutor-steps";
import { translator } from "@/lib/i18n";
import { canAttempt, fromSchoolInput, locationCitation, modeNow, toSchoolInput, tutorStep } from "@/lib/tutor";
import type { TutorState } from "@/lib/types";

function tutor(overrides: Partial<TutorState>): TutorState {
  return { mode: "tutor", action: "ask", level: 1, locations: [], can_hint: true, can_reveal: false, verdict: null, ...overrides };
}

describe("tutor steps", () => {
  it("names the rung: hint n of 2, the answer, places only in prova, nothing when refused", () => {
    const pt = translator("pt-BR");
    const en = translator("en");
    expect(stepLabel(tutor({ level: 1 }), pt)).toBe("Dica 1 de 2");
    expect(stepLabel(tutor({ level: 2 }), en)).toBe("Hint 2 of 2");
    expect(stepLabel(tutor({ level: 3 }), pt)).toBe("Resposta");
    expect(stepLabel(tutor({ mode: "prova", level: 1, can_hint: false }), pt)).toBe("Onde estudar");
    expect(tutorStep(tutor({ level: 0 }))).toBeNull();
    expect(stepLabel(tutor({ level: 0 }), pt)).toBe("");
  });

  it("lets the student answer only in tutor mode, with a question open and not yet answered", () => {
    expect([1, 2, 3, 0].map((level) => canAttempt(tutor({ level })))).toEqual([true, true, false, false]);
    expect(canAttempt(tutor({ mode: "prova" }))).toBe(false);
    expect(canAttempt(null)).toBe(false);
  });

  it("opens a location in the source panel as a citation whose snippet is its section", () => {
    const location = { document_id: "d1", title: "bio.pdf", page: 2, section: "Fotossíntese", chunk_id: "c9" };
    expect(locationCitation(location)).toEqual({ document_id: "d1", title: "bio.pdf", page: 2, chunk_id: "c9", snippet: "Fotossíntese" });
    expect(locationCitation({ ...location, section: null }).snippet).toBe("");
  });

  it("takes the course's mode now, then the one set, and direto from an older backend", () => {
    expect(modeNow({ id: "a", name: "A", documents: 1, tutor_mode: "tutor", tutor_mode_now: "prova" })).toBe("prova");
    expect(modeNow({ id: "a", name: "A", documents: 1, tutor_mode: "tutor" })).toBe("tutor");
    expect(modeNow({ id: "a", name: "A", documents: 1 })).toBe("direto");
    expect(modeNow(null)).toBe("direto");
  });
});

describe("the prova window on the Brasília clock", () => {
  it("shows an instant as Brasília wall time for a datetime-local input", () => {
    expect(toSchoolInput("2026-12-03T13:00:00Z")).toBe("2026-12-03T10:00");
    expect(toSchoolInput("2026-12-04T02:30:00+00:00")).toBe("2026-12-03T23:30");
    expect(toSchoolInput(null)).toBe("");
    expect(toSchoolInput("not a date")).toBe("");
  });

  it("sends the wall time without an offset (the backend reads it as Brasília), and null when blank", () => {
    expect(fromSchoolInput("2026-12-03T10:00")).toBe("2026-12-03T10:00");
    expect(fromSchoolInput("  ")).toBeNull();
  });
});
