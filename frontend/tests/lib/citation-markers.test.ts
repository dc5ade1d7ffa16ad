import { citationIndex, splitMarkers } from "@/lib/citation-markers";

describe("splitMarkers", () => {
  it("turns [n] within range into links and keeps the text around them", () => {
    const parts = splitMarkers("Ocorre nos cloroplastos [1] e [2].", 2);
    expect(parts?.map((p) => (p.type === "link" ? p.url : p.value))).toEqual([
      "Ocorre nos cloroplastos ", "#citation-1", " e ", "#citation-2", ".",
    ]);
  });

  it("expands [1, 2] and leaves out-of-range or zero markers as text", () => {
    expect(splitMarkers("veja [1, 2]", 2)?.filter((p) => p.type === "link")).toHaveLength(2);
    expect(splitMarkers("veja [3] e [0]", 2)).toBeNull();
    expect(splitMarkers("sem marcadores", 2)).toBeNull();
    expect(splitMarkers("", 0)).toBeNull();
  });
});

describe("citationIndex", () => {
  it("reads only marker hrefs", () => {
    expect(citationIndex("#citation-3")).toBe(3);
    expect(citationIndex("#citation-x")).toBeNull();
    expect(citationIndex("https://example.org")).toBeNull();
    expect(citationIndex(undefined)).toBeNull();
  });
});
