import { suspectPagesWarning } from "@/components/library/document-row";
import { translator } from "@/lib/i18n";
import { countPages, formatPageRanges, pageRanges } from "@/lib/page-ranges";

describe("page ranges", () => {
  it("compresses consecutive pages into ranges", () => {
    expect(formatPageRanges([3, 7, 8, 9, 12])).toBe("3, 7–9, 12");
    expect(formatPageRanges([12, 13, 14])).toBe("12–14");
    expect(formatPageRanges([5])).toBe("5");
    expect(formatPageRanges([1, 2])).toBe("1–2");
  });

  it("ignores order, duplicates and numbers that are not pages", () => {
    expect(formatPageRanges([9, 3, 8, 7, 3, 12, 0, -2, 2.5, Number.NaN])).toBe("3, 7–9, 12");
    expect(pageRanges([4, 2, 3, 3])).toEqual([{ first: 2, last: 4 }]);
  });

  it("gives nothing for an empty or missing list", () => {
    expect(formatPageRanges([])).toBe("");
    expect(formatPageRanges(undefined)).toBe("");
    expect(formatPageRanges(null)).toBe("");
    expect(countPages(undefined)).toBe(0);
  });

  it("caps a long list and counts the pages left out", () => {
    const pages = [1, 3, 5, 7, 9, 10, 11, 20];
    expect(formatPageRanges(pages, { limit: 3, more: (n) => `… e mais ${n}` })).toBe("1, 3, 5 … e mais 5");
    expect(formatPageRanges(pages, { limit: 5 })).toBe("1, 3, 5, 7, 9–11 … +1");
    expect(formatPageRanges(pages, { limit: 6 })).toBe("1, 3, 5, 7, 9–11, 20");
    expect(formatPageRanges(pages, { limit: 0 })).toBe("1 … +7");
  });

  it("caps at five ranges by default", () => {
    expect(formatPageRanges([2, 4, 6, 8, 10, 12, 14])).toBe("2, 4, 6, 8, 10 … +2");
  });

  it("counts distinct pages", () => {
    expect(countPages([12, 13, 14, 14, 30])).toBe(4);
  });
});

describe("suspect pages warning", () => {
  it("says which pages, in both languages, singular and plural", () => {
    expect(suspectPagesWarning([12, 13, 14], translator("pt-BR"))).toBe(
      "O texto das páginas 12–14 deste PDF parece corrompido: confira o arquivo ou envie uma versão com texto pesquisável.",
    );
    expect(suspectPagesWarning([12, 13, 14], translator("en"))).toBe(
      "The text of pages 12–14 of this PDF looks corrupted: check the file or upload a version with searchable text.",
    );
    expect(suspectPagesWarning([4], translator("pt-BR"))).toMatch(/^O texto da página 4 deste PDF/);
    expect(suspectPagesWarning([4], translator("en"))).toMatch(/^The text of page 4 of this PDF/);
  });

  it("caps a long list with the language's 'and N more'", () => {
    const pages = [1, 3, 5, 7, 9, 11, 13, 14];
    expect(suspectPagesWarning(pages, translator("pt-BR"))).toContain("páginas 1, 3, 5, 7, 9 … e mais 3 deste PDF");
    expect(suspectPagesWarning(pages, translator("en"))).toContain("pages 1, 3, 5, 7, 9 … and 3 more of this PDF");
  });

  it("is absent without suspect pages (and for an older backend without the field)", () => {
    expect(suspectPagesWarning([], translator("en"))).toBeNull();
    expect(suspectPagesWarning(undefined, translator("en"))).toBeNull();
  });
});
