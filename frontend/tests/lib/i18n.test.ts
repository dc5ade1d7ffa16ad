import { en } from "@/lib/i18n/en";
import { ptBR } from "@/lib/i18n/pt-BR";
import { interpolate, toLocale, translator } from "@/lib/i18n";

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
