"use client";
/** The course picker in the header; chat, library and insights follow it. */
import { useId } from "react";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { courseName } from "@/lib/course-name";

export function CourseSelect() {
  const { t } = useI18n();
  const { courses, selected, select } = useCourses();
  const id = useId();
  const options = courses ?? [];
  return (
    <div className="course-select">
      <label htmlFor={id}>{t("course.label")}</label>
      <select
        id={id}
        value={selected}
        onChange={(event) => select(event.target.value)}
        disabled={courses === null}
        data-testid="course-select"
      >
        {courses === null && <option value={selected}>{t("course.loading")}</option>}
        {options.map((course) => (
          <option key={course.id} value={course.id}>
            {t("course.count", { name: courseName(course, course.id, t), count: course.documents })}
          </option>
        ))}
      </select>
    </div>
  );
}
