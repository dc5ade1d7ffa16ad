"use client";
/**
 * Locale state remembered in localStorage and in a cookie: the server renders the cookie's (or
 * the browser's) locale, passed here as `initial`, so hydration matches and the page starts in it.
 */
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, localeCookie, toLocale, translator, type Locale } from "@/lib/i18n";
import { storedSetting } from "@/lib/stored-setting";
import type { I18nValue } from "./use-i18n";

const setting = storedSetting(LOCALE_STORAGE_KEY);
const serverSnapshot = () => null;

/** Own the locale: restored after hydration, persisted on every switch, mirrored on `<html lang>`. */
export function useStoredLocale(initial: Locale = DEFAULT_LOCALE): I18nValue {
  const stored = useSyncExternalStore(setting.subscribe, setting.get, serverSnapshot);
  const locale = toLocale(stored) ?? initial;

  useEffect(() => {
    document.documentElement.lang = locale;
    // The next server render (a reload, a shared link) starts in this language too.
    document.cookie = localeCookie(locale);
  }, [locale]);

  return useMemo(() => ({ locale, t: translator(locale), setLocale: setting.set }), [locale]);
}
