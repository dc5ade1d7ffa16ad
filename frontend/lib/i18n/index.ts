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
