/** The locale of the request being rendered (server only: reads its cookie and headers). */
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, translator, type Locale, type MessageKey } from "./index";

/** The visitor's locale for the server render; reading it makes the page render per request. */
export async function requestLocale(): Promise<Locale> {
  const [jar, sent] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(jar.get(LOCALE_COOKIE)?.value, sent.get("accept-language"));
}

/** A page's `<title>` in the request's locale: "Library · ChatGepeto". */
export async function pageTitle(key: MessageKey): Promise<string> {
  return `${translator(await requestLocale())(key)} · ChatGepeto`;
}
