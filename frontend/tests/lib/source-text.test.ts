import { textBlocks } from "@/lib/source-text";

const TEXT = "Fotossíntese\n\nA luz vira energia.\n\nFases\n\nA fase clara.\nA fase escura.";

describe("source-text", () => {
  it("cuts the text at blank lines and marks headings by their spans", () => {
    const blocks = textBlocks(TEXT, [{ start: 0, end: 12, level: 1 }, { start: 35, end: 40, level: 2 }], null);
    expect(blocks.map((b) => [b.level, b.segments.map((s) => s.text).join("")])).toEqual([
      [1, "Fotossíntese"],
      [0, "A luz vira energia."],
      [2, "Fases"],
      [0, "A fase clara.\nA fase escura."],
    ]);
    expect(blocks.every((b) => b.segments.every((s) => !s.marked))).toBe(true);
  });

  it("marks the passage, even across blocks and in part of one", () => {
    const start = TEXT.indexOf("energia");
    const end = TEXT.indexOf("clara.") + "clara.".length;
    const marked = textBlocks(TEXT, [], { start, end }).flatMap((b) => b.segments.filter((s) => s.marked).map((s) => s.text));
    expect(marked).toEqual(["energia.", "Fases", "A fase clara."]);
  });

  it("has no blocks for an empty text", () => {
    expect(textBlocks("", [], null)).toEqual([]);
    expect(textBlocks("\n\n\n", [], { start: 0, end: 2 })).toEqual([]);
  });
});
