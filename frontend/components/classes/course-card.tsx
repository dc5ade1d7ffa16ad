"use client";
/** One course the teacher owns: its pages, who may see it, and its student links. */
import Link from "next/link";
import { useI18n } from "@/hooks/use-i18n";
import { withCourse } from "@/lib/chat-url";
import { courseName } from "@/lib/course-name";
import type { MessageKey } from "@/lib/i18n";
import type { Collection, CourseAccess } from "@/lib/types";
import { AccessForm } from "./access-form";
import { InvitationPanel } from "./invitation-panel";

const PAGES: { href: string; label: MessageKey; testId: string }[] = [
  { href: "/library", label: "nav.library", testId: "course-link-library" },
  { href: "/library/study", label: "bank.open", testId: "course-link-study" },
  { href: "/insights", label: "nav.insights", testId: "course-link-insights" },
  { href: "/", label: "nav.chat", testId: "course-link-chat" },
];

export interface CourseCardProps {
  course: Collection;
  onSaveAccess: (access: CourseAccess) => Promise<boolean>;
}

export function CourseCard({ course, onSaveAccess }: CourseCardProps) {
  const { t } = useI18n();
  const name = courseName(course, course.id, t);
  const headingId = `course-${course.id}`;
  return (
    <section className="card course-card" aria-labelledby={headingId} data-testid="my-course" data-id={course.id}>
      <div className="page-head">
        <h2 id={headingId} data-testid="my-course-name">
          {name}
        </h2>
        <span className={`status-badge visibility-${course.visibility ?? "aberto"}`} data-testid="my-course-visibility">
          {t(course.visibility === "turma" ? "classes.turma" : "classes.aberto")}
        </span>
      </div>
      <p className="muted">{t("classes.documents", { count: course.documents })}</p>
      <nav aria-label={t("classes.pagesOf", { course: name })} className="row course-pages">
        {PAGES.map((page) => (
          <Link key={page.href} href={withCourse(page.href, course.id)} className="button" data-testid={page.testId}>
            {t(page.label)}
          </Link>
        ))}
      </nav>
      <AccessForm key={`${course.visibility}-${course.retention_days}`} course={course} onSave={onSaveAccess} />
      <InvitationPanel courseId={course.id} courseName={name} />
    </section>
  );
}
