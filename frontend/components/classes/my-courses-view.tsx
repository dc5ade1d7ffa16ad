"use client";
/** `/meus-cursos`: the signed-in teacher's own courses, a new one, and signing out. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useAction } from "@/hooks/use-action";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { useSession } from "@/hooks/use-session";
import { api } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { describeError } from "@/lib/errors";
import type { CourseAccess, Visibility } from "@/lib/types";
import { FormError } from "../form-error";
import { CourseCard } from "./course-card";
import { NewCourseForm } from "./new-course-form";

export function MyCoursesView() {
  const { t, locale } = useI18n();
  const { teacher, loading, signOut } = useSession();
  const { courses, refresh } = useCourses();
  const router = useRouter();
  const { error, setError, run: act } = useAction(refresh);
  const [notice, setNotice] = useState("");

  const run = useCallback(
    async (action: () => Promise<unknown>, done: string) => {
      const ok = (await act(() => action().then(() => true))) ?? false;
      setNotice(ok ? done : "");
      return ok;
    },
    [act],
  );

  if (loading) return <p className="page muted">{t("common.loading")}</p>;
  if (!teacher) {
    return (
      <div className="page">
        <h1>{t("nav.myCourses")}</h1>
        <section className="card" data-testid="my-courses-signed-out">
          <p>{t("classes.signInFirst")}</p>
          <Link href="/entrar" className="button button-primary">
            {t("nav.signIn")}
          </Link>
        </section>
      </div>
    );
  }

  const owned = courses?.filter((course) => course.owned) ?? null;
  const onCreate = (name: string, visibility: Visibility) =>
    run(() => api.createCollection(name, visibility), t("courses.created", { name }));
  const onSaveAccess = (id: string) => (access: CourseAccess) => run(() => api.setCourseAccess(id, access), "");

  return (
    <div className="page" data-testid="my-courses">
      <div className="page-head">
        <h1>{t("nav.myCourses")}</h1>
        <div className="row">
          <span className="muted" data-testid="my-courses-teacher">
            {teacher.name || teacher.email}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => void signOut().then(() => router.push("/entrar"), (failure: unknown) => setError(asApiError(failure)))}
            data-testid="sign-out"
          >
            {t("auth.signOut")}
          </button>
        </div>
      </div>
      <p className="lead">{t("classes.intro")}</p>
      <p role="status" className="muted" data-testid="my-courses-status">
        {notice}
      </p>
      <FormError testId="my-courses-error">{error && describeError(error.code, locale, error.message)}</FormError>
      <NewCourseForm onCreate={onCreate} />
      {owned === null && <p className="muted">{t("common.loading")}</p>}
      {owned?.length === 0 && (
        <p className="muted card" data-testid="my-courses-empty">
          {t("classes.noCourses")}
        </p>
      )}
      {owned?.map((course) => <CourseCard key={course.id} course={course} onSaveAccess={onSaveAccess(course.id)} />)}
    </div>
  );
}
