"use client";
/** The current language, its translate function and the switch. */
import { createContext, useContext } from "react";
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from "@/lib/i18n";

export interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18nValue>({
  locale: DEFAULT_LOCALE,
  t: translator(DEFAULT_LOCALE),
  setLocale: () => undefined,
});

/** Read the language context (pt-BR outside a provider, which is what tests of leaf parts get). */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
