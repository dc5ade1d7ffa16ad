/** Sign-in messages: the OIDC refusals (`/entrar?erro=`) and a refused password sign-in. */
import type { ApiError } from "./api-client";
import { describeError } from "./errors";
import type { Locale, MessageKey, Translate } from "./i18n";

const OIDC_REFUSALS: Record<string, MessageKey> = {
  oidc_conta: "auth.oidc_conta",
  oidc_email: "auth.oidc_email",
  oidc_token: "auth.oidc_token",
  oidc_estado: "auth.oidc_estado",
  oidc_provedor: "auth.oidc_provedor",
};

/** The sentence for an OIDC refusal's reason, or null (none, or one this app does not know). */
export function oidcRefusal(reason: string | null | undefined): MessageKey | null {
  return (reason && Object.hasOwn(OIDC_REFUSALS, reason) && OIDC_REFUSALS[reason]) || null;
}

/** "30 s", "2 min": how long a throttled sign-in waits. */
export function waitText(seconds: number, t: Translate): string {
  return seconds < 60 ? t("auth.seconds", { n: seconds }) : t("auth.minutes", { n: Math.ceil(seconds / 60) });
}

/** A failed sign-in: too many tries (with the wait), else the code's sentence. */
export function signInErrorText(error: ApiError, t: Translate, locale: Locale): string {
  if (error.status === 429) {
    return error.retryAfterS ? t("auth.throttled", { wait: waitText(error.retryAfterS, t) }) : t("auth.throttledNoWait");
  }
  return describeError(error.code, locale, error.message);
}
