"use client";
/** Shown while a page renders on the server after a navigation (every page renders per request). */
import { useI18n } from "@/hooks/use-i18n";

export default function Loading() {
  const { t } = useI18n();
  return (
    <p className="route-loading" role="status" aria-live="polite" data-testid="route-loading">
      {t("common.loading")}
    </p>
  );
}
