"use client";
/** Brand, main navigation, course picker and language switch. */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { isChatPath, withCourse } from "@/lib/chat-url";
import type { MessageKey } from "@/lib/i18n";
import { CourseSelect } from "./course-select";
import { LanguageSwitch } from "./language-switch";
import { SessionLink } from "./session-link";

const LINKS: { href: string; label: MessageKey; testId: string }[] = [
  { href: "/", label: "nav.chat", testId: "nav-chat" },
  { href: "/study", label: "nav.study", testId: "nav-study" },
  { href: "/library", label: "nav.library", testId: "nav-library" },
  { href: "/insights", label: "nav.insights", testId: "nav-insights" },
];

export function AppHeader() {
  const { t } = useI18n();
  const { selected } = useCourses();
  const pathname = usePathname();
  // The chat link also stands for a conversation's page; every link keeps the course.
  const isCurrent = (href: string) => (href === "/" ? isChatPath(pathname) : pathname === href);
  return (
    <header className="app-header">
      <a className="skip-link" href="#main" data-testid="skip-link">
        {t("app.skip")}
      </a>
      <div className="brand">
        <span className="brand-name">{t("app.name")}</span>
        <span className="brand-tagline">{t("app.tagline")}</span>
      </div>
      <nav aria-label={t("nav.label")} className="main-nav">
        {LINKS.map((link) => (
          <Link
            key={link.href}
            href={withCourse(link.href, selected)}
            aria-current={isCurrent(link.href) ? "page" : undefined}
            data-testid={link.testId}
          >
            {t(link.label)}
          </Link>
        ))}
      </nav>
      <div className="header-tools">
        <CourseSelect />
        <SessionLink />
        <LanguageSwitch />
      </div>
    </header>
  );
}
