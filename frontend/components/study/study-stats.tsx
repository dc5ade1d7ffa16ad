"use client";
/**
 * The teacher's statistics (issue 18): per item, how many answers and students and the share
 * correct; "O que a turma mais erra", the pages behind the most missed items, each opening there.
 */
import { useI18n } from "@/hooks/use-i18n";
import { useStudyStats } from "@/hooks/use-study-stats";
import { api } from "@/lib/api-client";
import { describeError } from "@/lib/errors";
import { formatPercent } from "@/lib/format";

export function StudyStatsView({ collection }: { collection: string }) {
  const { t, locale } = useI18n();
  const { stats, error, loading, refresh } = useStudyStats(collection);
  const answered = stats?.items.filter((entry) => entry.answers > 0) ?? [];

  return (
    <>
      <section className="card" aria-labelledby="study-stats-title" data-testid="study-stats">
        <div className="page-head">
          <h2 id="study-stats-title">{t("bank.stats")}</h2>
          <button type="button" className="button" onClick={() => void refresh()} disabled={loading} data-testid="study-stats-refresh">
            {t("bank.statsRefresh")}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {describeError(error.code, locale, error.message)}
          </p>
        )}
        {stats && answered.length === 0 && <p className="muted">{t("bank.statsEmpty")}</p>}
        {answered.length > 0 && (
          <div className="table-scroll">
            <table className="study-stats-table">
              <thead>
                <tr>
                  <th scope="col">{t("bank.question")}</th>
                  <th scope="col">{t("bank.statsAnswers")}</th>
                  <th scope="col">{t("bank.statsStudents")}</th>
                  <th scope="col">{t("bank.statsCorrect")}</th>
                </tr>
              </thead>
              <tbody>
                {answered.map((entry) => (
                  <tr key={entry.item.id} data-testid="study-stats-row" data-id={entry.item.id}>
                    <th scope="row">{entry.item.question}</th>
                    <td data-testid="study-stats-answers">{entry.answers}</td>
                    <td data-testid="study-stats-students">{entry.students}</td>
                    <td data-testid="study-stats-correct">
                      {entry.share_correct === null ? t("bank.statsNone") : formatPercent(entry.share_correct, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="study-missed-title" data-testid="study-missed">
        <h2 id="study-missed-title">{t("bank.missed")}</h2>
        {stats && stats.missed_pages.length === 0 && <p className="muted">{t("bank.missedEmpty")}</p>}
        {stats && stats.missed_pages.length > 0 && (
          <ol className="insight-list">
            {stats.missed_pages.map((missed) => {
              const page = missed.page ? t("chat.page", { page: missed.page }) : t("bank.noPage");
              return (
                <li key={`${missed.document_id}-${missed.page ?? ""}`} data-testid="study-missed-page" data-page={missed.page ?? ""}>
                  <a
                    href={api.documentFileUrl(missed.document_id, missed.page)}
                    target="_blank"
                    rel="noreferrer"
                    className="insight-question"
                    aria-label={t("bank.missedPageLabel", { title: missed.title, page })}
                  >
                    {missed.title} · {page}
                  </a>
                  <span className="muted">{t("bank.missedLine", { misses: missed.misses, items: missed.items })}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </>
  );
}
