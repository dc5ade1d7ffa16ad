"use client";
/** The tutor modes' figures for the teacher: questions per mode, hints used before the answer,
 * and what students asked while the course was in prova (counts and questions, no client ids). */
import { useI18n } from "@/hooks/use-i18n";
import { formatDateTime } from "@/lib/format";
import type { Translate } from "@/lib/i18n";
import type { Insights } from "@/lib/types";

function hintsLabel(hints: number, t: Translate): string {
  if (hints === 0) return t("insights.afterNoHint");
  return hints === 1 ? t("insights.afterOneHint") : t("insights.afterHints", { count: hints });
}

export function TutorInsights({ insights }: { insights: Insights }) {
  const { t, locale } = useI18n();
  const asked = insights.questions_per_mode.reduce((sum, row) => sum + row.questions, 0);
  return (
    <section className="card" aria-labelledby="tutor-insights-title" data-testid="insights-tutor">
      <h2 id="tutor-insights-title">{t("insights.tutor")}</h2>
      {asked === 0 ? (
        <p className="muted">{t("insights.tutorEmpty")}</p>
      ) : (
        <>
          <h3>{t("insights.perMode")}</h3>
          <ul className="insight-list" data-testid="insights-per-mode">
            {insights.questions_per_mode.map((row) => (
              <li key={row.mode}>
                <span className="insight-question">{t(`tutor.mode.${row.mode}`)}</span>
                <span className="muted">{row.questions === 1 ? t("insights.questionsOne") : t("insights.questions", { count: row.questions })}</span>
              </li>
            ))}
          </ul>
          <h3>{t("insights.hintsBeforeAnswer")}</h3>
          {insights.hints_before_answer.length === 0 ? (
            <p className="muted">{t("insights.hintsEmpty")}</p>
          ) : (
            <ul className="insight-list" data-testid="insights-hints">
              {insights.hints_before_answer.map((row) => (
                <li key={row.hints}>
                  <span className="insight-question">{hintsLabel(row.hints, t)}</span>
                  <span className="muted">{row.answers === 1 ? t("insights.answersOne") : t("insights.answers", { count: row.answers })}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("insights.provaQuestions")}</h3>
          {insights.prova_questions.length === 0 ? (
            <p className="muted">{t("insights.provaEmpty")}</p>
          ) : (
            <ul className="insight-list" data-testid="insights-prova">
              {insights.prova_questions.map((item) => (
                <li key={item.question} data-testid="insight-prova">
                  <span className="insight-question">{item.question}</span>
                  <span className="muted">{t("insights.times", { count: item.count, date: formatDateTime(item.last_at, locale) })}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
