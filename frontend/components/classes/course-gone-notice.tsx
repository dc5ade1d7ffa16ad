"use client";
/** Said where the chosen course vanished from the list (a revoked class link, a deleted course). */
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { courseName } from "@/lib/course-name";

export function CourseGoneNotice() {
  const { t } = useI18n();
  const { missing, current, selected, select } = useCourses();
  if (!missing) return null;
  return (
    <div className="notice" role="status" data-testid="course-gone">
      <p>{t("courses.gone", { name: courseName(current, selected, t) })}</p>
      <button type="button" className="button" onClick={() => select(selected)} data-testid="course-gone-dismiss">
        {t("courses.goneDismiss")}
      </button>
    </div>
  );
}
