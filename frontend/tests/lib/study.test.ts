import { dispositionFilename, generateBody, gradeForKey, isQuiz, jobFinished, jobFraction, sourceCitation } from "@/lib/study";
import { job, source } from "../helpers/study-fixtures";

describe("grades", () => {
  it("maps the keys 1-4 to Again, Hard, Good, Easy and nothing else", () => {
    expect(["1", "2", "3", "4"].map(gradeForKey)).toEqual([1, 2, 3, 4]);
    expect(["0", "5", " ", "a", "12", ""].map(gradeForKey)).toEqual([null, null, null, null, null, null]);
  });
});

describe("kinds", () => {
  it("answers multiple choice, short answer and cloze; flips flashcards", () => {
    expect(isQuiz("multiple_choice")).toBe(true);
    expect(isQuiz("short_answer")).toBe(true);
    expect(isQuiz("cloze")).toBe(true);
    expect(isQuiz("flashcard")).toBe(false);
  });
});

describe("sourceCitation", () => {
  it("turns an item's source into a citation the source panel opens, the passage as its snippet", () => {
    expect(sourceCitation(source)).toEqual({ document_id: "d1", title: "Fotossíntese", page: 2, chunk_id: "c7", snippet: source.passage });
  });
});

describe("generation jobs", () => {
  it("tells a running job's share done", () => {
    const sent = job({ status: "running", progress: { done: 2, total: 8 } });
    expect(jobFinished(sent)).toBe(false);
    expect(jobFraction(sent)).toBe(0.25);
  });

  it("has no fraction while the size is unknown, and never more than 1", () => {
    expect(jobFraction(job())).toBeNull();
    expect(jobFraction(job({ progress: { done: 9, total: 8 } }))).toBe(1);
    expect(jobFinished(job({ status: "failed" }))).toBe(true);
  });
});

describe("generateBody", () => {
  const base = { documentId: "d1", firstPage: "", lastPage: "" };

  it("sends nothing for the whole course and the document alone for one document", () => {
    expect(generateBody({ ...base, scope: "course" })).toEqual({});
    expect(generateBody({ ...base, scope: "document" })).toEqual({ document_id: "d1" });
  });

  it("sends the page range, one end alone running to the document's edge", () => {
    expect(generateBody({ ...base, scope: "pages", firstPage: "2", lastPage: " 3 " })).toEqual({ document_id: "d1", first_page: 2, last_page: 3 });
    expect(generateBody({ ...base, scope: "pages", firstPage: "4" })).toEqual({ document_id: "d1", first_page: 4 });
    expect(generateBody({ ...base, scope: "pages", lastPage: "2" })).toEqual({ document_id: "d1", last_page: 2 });
  });

  it("is incomplete without a document, or a range without pages", () => {
    expect(generateBody({ ...base, scope: "document", documentId: "" })).toBeNull();
    expect(generateBody({ ...base, scope: "pages" })).toBeNull();
    expect(generateBody({ ...base, scope: "pages", firstPage: "dois" })).toBeNull();
  });
});

describe("dispositionFilename", () => {
  it("reads the RFC 5987 name first, then the plain one, else the fallback", () => {
    expect(dispositionFilename("attachment; filename*=UTF-8''Bot%C3%A2nica.apkg", "x.apkg")).toBe("Botânica.apkg");
    expect(dispositionFilename('attachment; filename="perguntas.csv"', "x.csv")).toBe("perguntas.csv");
    expect(dispositionFilename(null, "x.xml")).toBe("x.xml");
    expect(dispositionFilename("attachment", "x.xml")).toBe("x.xml");
  });
});
