"use client";
/**
 * The teacher's "Gerar perguntas" (issue 18): from the whole course, one document, or a page
 * range of one; while the job runs, its progress; then how many drafts it made, or its error.
 */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { StudyJobState } from "@/hooks/use-study-job";
import { describeError } from "@/lib/errors";
import { formatPercent } from "@/lib/format";
import { generateBody, jobFraction, type GenerateChoice, type GenerateScope } from "@/lib/study";
import type { DocumentInfo } from "@/lib/types";

const SCOPES: readonly GenerateScope[] = ["course", "document", "pages"];

export interface GenerateFormProps {
  /** The course's documents; only the ready ones can be chosen. */
  documents: DocumentInfo[] | null;
  generation: StudyJobState;
}

export function GenerateForm({ documents, generation }: GenerateFormProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState<GenerateChoice>({ scope: "course", documentId: "", firstPage: "", lastPage: "" });
  const ready = documents?.filter((doc) => doc.status === "ready") ?? [];
  const body = generateBody(choice);
  const { job, error, running } = generation;
  const fraction = job ? jobFraction(job) : null;
  const update = (change: Partial<GenerateChoice>) => setChoice((current) => ({ ...current, ...change }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (body && !running) void generation.start(body);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("bank.generate")}</h2>
      <form onSubmit={onSubmit} className="generate-form" data-testid="generate-form">
        <fieldset className="generate-scope">
          <legend>{t("bank.scope")}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="tutor-mode-option">
              <input
                type="radio"
                name={`${id}-scope`}
                value={scope}
                checked={choice.scope === scope}
                onChange={() => update({ scope })}
                data-testid={`generate-scope-${scope}`}
              />
              {t(`bank.scope.${scope}`)}
            </label>
          ))}
        </fieldset>
        {choice.scope !== "course" && (
          <div className="row">
            <label htmlFor={`${id}-doc`}>{t("bank.document")}</label>
            <select id={`${id}-doc`} value={choice.documentId} onChange={(e) => update({ documentId: e.target.value })} data-testid="generate-document">
              <option value="">{t("bank.chooseDocument")}</option>
              {ready.map((doc) => (
                <option key={doc.id} value={doc.id}>
                  {doc.title}
                </option>
              ))}
            </select>
          </div>
        )}
        {choice.scope === "pages" && (
          <fieldset className="generate-pages" aria-describedby={`${id}-pages-help`}>
            <legend className="sr-only">{t("bank.scope.pages")}</legend>
            <div className="row">
              <label htmlFor={`${id}-first`}>{t("bank.firstPage")}</label>
              <input id={`${id}-first`} type="number" min={1} inputMode="numeric" value={choice.firstPage} onChange={(e) => update({ firstPage: e.target.value })} data-testid="generate-first-page" />
              <label htmlFor={`${id}-last`}>{t("bank.lastPage")}</label>
              <input id={`${id}-last`} type="number" min={1} inputMode="numeric" value={choice.lastPage} onChange={(e) => update({ lastPage: e.target.value })} data-testid="generate-last-page" />
            </div>
            <p id={`${id}-pages-help`} className="hint">
              {t("bank.pagesHelp")}
            </p>
          </fieldset>
        )}
        <button type="submit" className="button button-primary" disabled={!body || running} data-testid="generate-submit">
          {t("bank.generate")}
        </button>
      </form>
      <div role="status" className="generate-status" data-testid="generate-status" data-job={job?.status ?? ""}>
        {running && (
          <div className="upload-progress">
            <span>{job?.status === "queued" ? t("bank.queued") : t("bank.generating")}</span>
            <progress
              max={1}
              value={fraction ?? undefined}
              aria-label={t("bank.generating")}
              aria-valuetext={fraction === null ? undefined : formatPercent(fraction, locale)}
              data-testid="generate-progress"
            />
            {job && job.progress.total > 0 && <span className="muted">{t("bank.progress", job.progress)}</span>}
          </div>
        )}
        {job?.status === "done" && (
          <p data-testid="generate-done">
            {t(job.created === 1 ? "bank.generatedOne" : "bank.generated", { created: job.created ?? 0, generated: job.generated ?? 0 })}
          </p>
        )}
      </div>
      {(error || job?.status === "failed") && (
        <p className="form-error" role="alert" data-testid="generate-error">
          {error
            ? describeError(error.code, locale, error.message)
            : t("bank.generateFailed", { error: describeError(job?.error ?? "unknown", locale, job?.error ?? undefined) })}
        </p>
      )}
    </section>
  );
}
