"use client";
/** Toggles between Portuguese and English; the choice is remembered in this browser. */
import { useI18n } from "@/hooks/use-i18n";

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const next = locale === "pt-BR" ? "en" : "pt-BR";
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={() => setLocale(next)}
      lang={next}
      aria-label={t("lang.switchLabel")}
      data-testid="language-switch"
    >
      {t("lang.switch")}
    </button>
  );
}
