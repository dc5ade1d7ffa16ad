import { en } from "@/lib/i18n/en";
import { ptBR } from "@/lib/i18n/pt-BR";
import { interpolate, localeCookie, negotiateLocale, toLocale, translator } from "@/lib/i18n";

describe("i18n", () => {
  it("has the same keys in both dictionaries and no empty string", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ptBR).sort());
    for (const value of [...Object.values(en), ...Object.values(ptBR)]) expect(value.trim()).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(ptBR) as (keyof typeof ptBR)[]) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(ptBR[key])]);
    }
  });

  it("interpolates and keeps unknown placeholders visible", () => {
    expect(interpolate("p. {page}", { page: 2 })).toBe("p. 2");
    expect(interpolate("{a} {b}", { a: 1 })).toBe("1 {b}");
    expect(translator("en")("status.ready")).toBe("ready");
    expect(translator("pt-BR")("status.ready")).toBe("pronto");
  });

  it("accepts only supported stored locales", () => {
    expect(toLocale("en")).toBe("en");
    expect(toLocale("fr")).toBeNull();
    expect(toLocale(null)).toBeNull();
  });
});

describe("the request's locale", () => {
  it("is the remembered choice first", () => {
    expect(negotiateLocale("en", "pt-BR,pt;q=0.9")).toBe("en");
    expect(negotiateLocale("pt-BR", "en-US,en;q=0.9")).toBe("pt-BR");
  });

  it("else the browser's first language we speak, by quality", () => {
    expect(negotiateLocale(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(negotiateLocale(null, "pt-PT")).toBe("pt-BR");
    expect(negotiateLocale("fr", "fr-FR,fr;q=0.9,en;q=0.8,pt;q=0.5")).toBe("en");
    expect(negotiateLocale(null, "pt;q=0.4, en;q=0.7")).toBe("en");
    expect(negotiateLocale(null, "EN-gb")).toBe("en");
  });

  it("else Portuguese: nothing sent, nothing we speak, or a language refused with q=0", () => {
    expect(negotiateLocale(undefined, undefined)).toBe("pt-BR");
    expect(negotiateLocale(null, "")).toBe("pt-BR");
    expect(negotiateLocale(null, "de-DE,*;q=0.5")).toBe("pt-BR");
    expect(negotiateLocale(null, "en;q=0")).toBe("pt-BR");
    expect(negotiateLocale(null, "english")).toBe("pt-BR");
  });

  it("is remembered in a year-long cookie the server reads on every path", () => {
    expect(localeCookie("en")).toBe("chatgepeto.locale=en; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
