"use client";
/** A page that failed to render: said in the visitor's language, with a retry and a way home. */
import Link from "next/link";
import { useEffect } from "react";
import { RouteNotice } from "@/components/route-notice";
import { useI18n } from "@/hooks/use-i18n";

export default function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  // The server's errors carry only a digest (their message stays in its log): show it to quote.
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  useEffect(() => console.error(error), [error]);
  return (
    <RouteNotice
      alert
      title={t("route.errorTitle")}
      testId="route-error"
      actions={
        <>
          <button type="button" className="button button-primary" onClick={retry} data-testid="route-error-retry">
            {t("common.retry")}
          </button>
          <Link className="button" href="/" data-testid="route-error-home">
            {t("route.home")}
          </Link>
        </>
      }
    >
      <p>{t("route.errorBody")}</p>
      {digest && <p className="hint">{t("route.errorCode", { digest })}</p>}
    </RouteNotice>
  );
}
