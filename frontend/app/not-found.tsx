"use client";
/** An address that leads to no page (and any `notFound()`): said in the visitor's language. */
import Link from "next/link";
import { RouteNotice } from "@/components/route-notice";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { chatHref } from "@/lib/chat-url";

export default function NotFound() {
  const { t } = useI18n();
  const { selected } = useCourses();
  return (
    <RouteNotice
      title={t("route.notFoundTitle")}
      testId="not-found"
      actions={
        <Link className="button button-primary" href={chatHref(null, selected)} data-testid="not-found-home">
          {t("route.home")}
        </Link>
      }
    >
      <p>{t("route.notFoundBody")}</p>
    </RouteNotice>
  );
}
