/** Locales, dictionaries and the one formatting function every string goes through. */
import { en } from "./en";
import { ptBR, type MessageKey } from "./pt-BR";

export type { MessageKey };
export type Locale = "pt-BR" | "en";
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const DEFAULT_LOCALE: Locale = "pt-BR";
export const LOCALES: readonly Locale[] = ["pt-BR", "en"];
export const LOCALE_STORAGE_KEY = "chatgepeto.locale";
/** The same choice as a cookie, so the server renders `<html lang>` and the page in it. */
export const LOCALE_COOKIE = "chatgepeto.locale";
const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { "pt-BR": ptBR, en };

/** Replace `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

/** A translate function bound to one locale. */
export function translator(locale: Locale): Translate {
  const dictionary = dictionaries[locale];
  return (key, vars) => interpolate(dictionary[key], vars);
}

/** Narrow an untrusted stored value to a supported locale. */
export function toLocale(value: string | null | undefined): Locale | null {
  return LOCALES.find((locale) => locale === value) ?? null;
}

/** The `document.cookie` assignment that remembers `locale` for a year on every path. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${COOKIE_MAX_AGE}; SameSite=Lax`;
}

/**
 * The locale to render a request in: the remembered choice, else the browser's first language
 * we speak (`Accept-Language`, by quality), else the default.
 */
export function negotiateLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  const chosen = toLocale(cookie);
  if (chosen) return chosen;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, quality: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(({ tag, quality }) => tag && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "pt" || tag.startsWith("pt-")) return "pt-BR";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}
