"use client";
/** Locale state remembered in localStorage; the server always renders the default (pt-BR). */
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, toLocale, translator } from "@/lib/i18n";
import { storedSetting } from "@/lib/stored-setting";
import type { I18nValue } from "./use-i18n";

const setting = storedSetting(LOCALE_STORAGE_KEY);
const serverSnapshot = () => null;

/** Own the locale: restored after hydration, persisted on every switch, mirrored on `<html lang>`. */
export function useStoredLocale(): I18nValue {
  const stored = useSyncExternalStore(setting.subscribe, setting.get, serverSnapshot);
  const locale = toLocale(stored) ?? DEFAULT_LOCALE;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return useMemo(() => ({ locale, t: translator(locale), setLocale: setting.set }), [locale]);
}
