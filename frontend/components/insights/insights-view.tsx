"use client";
/** "Perguntas sem resposta": what the material of the chosen course failed to answer. */
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { useInsights } from "@/hooks/use-insights";
import { TutorInsights } from "@/components/insights/tutor-insights";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";

export function InsightsView() {
  const { t, locale } = useI18n();
  const { selected, current } = useCourses();
  const { insights, error, loading, refresh } = useInsights(selected);

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("insights.title")}</h1>
        <button type="button" className="button" onClick={() => void refresh()} disabled={loading} data-testid="insights-refresh">
          {t("insights.refresh")}
        </button>
      </div>
      <p className="lead">{t("insights.intro", { course: courseName(current, selected, t) })}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="insights-error">
          {describeError(error.code, locale, error.message)}
        </p>
      )}
      {loading && !insights && <p className="muted">{t("common.loading")}</p>}
      {insights && (
        <>
          <section className="card" aria-labelledby="refused-title" data-testid="insights-refused">
            <h2 id="refused-title">{t("insights.refused")}</h2>
            {insights.refused.length === 0 ? (
              <p className="muted">{t("insights.refusedEmpty")}</p>
            ) : (
              <ul className="insight-list">
                {insights.refused.map((item) => (
                  <li key={item.question} data-testid="insight-refused">
                    <span className="insight-question">{item.question}</span>
                    <span className="muted">{t("insights.times", { count: item.count, date: formatDateTime(item.last_at, locale) })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="down-title" data-testid="insights-thumbs-down">
            <h2 id="down-title">{t("insights.thumbsDown")}</h2>
            {insights.thumbs_down.length === 0 ? (
              <p className="muted">{t("insights.thumbsDownEmpty")}</p>
            ) : (
              <ul className="insight-list">
                {insights.thumbs_down.map((item, index) => (
                  <li key={`${item.at}-${index}`} data-testid="insight-thumbs-down">
                    <span className="insight-question">{item.question}</span>
                    <details>
                      <summary>{t("insights.answer")}</summary>
                      <p className="insight-answer">{item.answer}</p>
                    </details>
                    {item.comment && (
                      <p>
                        <strong>{t("insights.comment")}:</strong> {item.comment}
                      </p>
                    )}
                    <span className="muted">{formatDateTime(item.at, locale)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="top-title" data-testid="insights-top-documents">
            <h2 id="top-title">{t("insights.topDocuments")}</h2>
            {insights.top_documents.length === 0 ? (
              <p className="muted">{t("insights.topDocumentsEmpty")}</p>
            ) : (
              <ol className="insight-list">
                {insights.top_documents.map((doc) => (
                  <li key={doc.document_id}>
                    <span className="insight-question">{doc.title}</span>
                    <span className="muted">{doc.citations === 1 ? t("insights.citationsOne") : t("insights.citations", { count: doc.citations })}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <TutorInsights insights={insights} />
        </>
      )}
    </div>
  );
}
