import { allowedHref } from "@/lib/answer-links";

const site = { origin: "https://chat.escola.example", citedUrls: ["https://arquivos.escola.example/api/documents/doc-1/file"] };

describe("allowedHref", () => {
  it("opens the product's own pages, relative or absolute", () => {
    expect(allowedHref("/library", site)).toBe("https://chat.escola.example/library");
    expect(allowedHref("https://chat.escola.example/?q=1", site)).toBe("https://chat.escola.example/?q=1");
  });

  it("opens a cited document's file on another origin, at any page, and nothing else there", () => {
    expect(allowedHref("https://arquivos.escola.example/api/documents/doc-1/file#page=3", site)).toBe(
      "https://arquivos.escola.example/api/documents/doc-1/file#page=3",
    );
    expect(allowedHref("https://arquivos.escola.example/api/documents/doc-2/file", site)).toBeNull();
    expect(allowedHref("https://arquivos.escola.example/api/documents/doc-1/file?x=1", site)).toBeNull();
  });

  it("refuses other sites, look-alikes, other schemes and junk", () => {
    for (const href of [
      "https://golpe.example/login",
      "//golpe.example/x",
      "https://chat.escola.example.golpe.example/",
      "http://chat.escola.example/library", // another scheme is another origin
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "mailto:aluno@escola.example",
      "https://[nope",
      "",
      undefined,
    ]) {
      expect([href, allowedHref(href, site)]).toEqual([href, null]);
    }
  });

  it("opens nothing while the origin is unknown (server rendering)", () => {
    expect(allowedHref("/library", { origin: "", citedUrls: [] })).toBeNull();
  });
});
