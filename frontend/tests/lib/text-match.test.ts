import { foldChar, foldText, matchPassage } from "@/lib/text-match";

/** The highlighted text, item by item, as the viewer would mark it. */
function marked(items: string[], passage: string): string[] | null {
  const ranges = matchPassage(items, passage);
  return ranges && ranges.map(({ item, start, end }) => (items[item] ?? "").slice(start, end));
}

describe("text-match", () => {
  it("folds accents, case, spaces and punctuation away", () => {
    expect(foldText("Informações, São-Paulo!")).toBe("informacoessaopaulo");
    expect(foldChar("ﬁ")).toBe("fi");
    expect(foldChar("¸")).toBe("");
    expect(foldChar("˜")).toBe("");
  });

  it("finds a passage across text items and line breaks", () => {
    const items = ["Capítulo 3", "A capital do Tocantins é Palmas, cidade", "planejada e fundada em 1989.", "Outro assunto."];
    expect(marked(items, "A capital do Tocantins é Palmas, cidade planejada e fundada em 1989.")).toEqual([
      "A capital do Tocantins é Palmas, cidade",
      "planejada e fundada em 1989",
    ]);
  });

  it("matches a word the layout hyphenated and the backend joined", () => {
    expect(marked(["cidade planejada e fun-", "dada em 1989"], "planejada e fundada em 1989")).toEqual([
      "planejada e fun-",
      "dada em 1989",
    ]);
  });

  it("matches accents the backend repaired against the PDF's broken ones", () => {
    expect(marked(["As informa¸c˜oes da p´agina"], "As informações da página")).toEqual(["As informa¸c˜oes da p´agina"]);
  });

  it("marks on from the first item to the last: inner items whole, no trailing text of the last", () => {
    const ranges = matchPassage(["xx começo ", "  meio  ", "fim yy"], "começo meio fim");
    expect(ranges).toEqual([
      { item: 0, start: 3, end: 10 },
      { item: 1, start: 0, end: 8 },
      { item: 2, start: 0, end: 3 },
    ]);
  });

  it("still finds a passage whose middle differs from the page, by its anchors", () => {
    const page = [
      "A fotossíntese converte a luz do sol em energia química armazenada na glicose das plantas.",
      "Na fase clara, a água é quebrada e libera oxigênio; na fase escura o carbono é fixado.",
    ];
    const passage =
      "A fotossíntese converte a luz do sol em energia química armazenada na glicose das plantas. " +
      "Na fase clara, a agua e quebrada [1] e libera oxigenio; na fase escura o carbono é fixado.";
    const found = marked(page, passage);
    expect(found?.[0]).toContain("A fotossíntese");
    expect(found?.[found.length - 1]).toContain("carbono é fixado");
  });

  it("answers null when the passage is not on the page, or either side is empty", () => {
    expect(matchPassage(["Nada a ver com o assunto desta página."], "A capital do Tocantins é Palmas e foi fundada em 1989.")).toBeNull();
    expect(matchPassage([], "algo")).toBeNull();
    expect(matchPassage(["algo"], " ... ")).toBeNull();
  });
});
