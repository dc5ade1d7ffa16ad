"use client";
/**
 * `/entrar/turma/<code>`: which course the link opens and what the student gets; "Entrar na
 * turma" gives this browser a pass and opens the chat in that course. A link that expired, was
 * revoked or never existed gets its own page, which never names the course.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { useRemote } from "@/hooks/use-remote";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { withCourse } from "@/lib/chat-url";
import { JOIN_FAILURE_TEXT, joinFailure } from "@/lib/classes";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import { RouteNotice } from "../route-notice";
import { JoinCodeForm } from "./join-code-form";

const GETS = ["join.getsAnswers", "join.getsStudy", "join.getsNoAccount", "join.getsBrowser"] as const;

export function JoinFailed({ error }: { error: ApiError }) {
  const { t, locale } = useI18n();
  const kind = joinFailure(error);
  const text = kind === "other" ? null : JOIN_FAILURE_TEXT[kind];
  return (
    <RouteNotice
      title={text ? t(text.title) : t("join.failedTitle")}
      testId="join-failed"
      alert
      actions={
        <Link href="/" className="button">
          {t("route.home")}
        </Link>
      }
    >
      <p data-testid="join-failed-reason" data-reason={kind}>
        {text ? t(text.body) : describeError(error.code, locale, error.message)}
      </p>
      <p>{t("join.tryCode")}</p>
      <JoinCodeForm />
    </RouteNotice>
  );
}

export function JoinView({ code }: { code: string }) {
  const { t } = useI18n();
  const { refresh } = useCourses();
  const router = useRouter();
  const load = useCallback(() => api.previewJoin(code), [code]);
  const preview = useRemote(load);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<ApiError | null>(null);

  const onJoin = async () => {
    setJoining(true);
    try {
      const course = await api.join(code);
      await refresh();
      router.push(withCourse("/", course.id));
    } catch (failure) {
      setJoinError(asApiError(failure));
      setJoining(false);
    }
  };

  const failure = joinError ?? preview.error;
  if (failure) return <JoinFailed error={failure} />;
  if (!preview.data) return <p className="page muted">{t("common.loading")}</p>;
  const name = courseName(preview.data, preview.data.id, t);
  return (
    <div className="page">
      <section className="card join-card" aria-labelledby="join-title" data-testid="join-preview">
        <h1 id="join-title">{t("join.title", { course: name })}</h1>
        <p className="lead">{t("join.intro")}</p>
        <ul className="join-gets">
          {GETS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <button type="button" className="button button-primary" onClick={() => void onJoin()} disabled={joining} data-testid="join-accept">
          {t("join.accept")}
        </button>
      </section>
    </div>
  );
}
