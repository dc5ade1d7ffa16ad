"use client";
/**
 * "Perguntas de estudo" (issue 18), the teacher's page reached from the library: generate drafts
 * from the chosen course's material, review them (approve, edit, reject, one at a time or the
 * selected drafts at once), export the approved ones, and read how the class answered.
 */
import Link from "next/link";
import { useCallback, useState } from "react";
import { useCourses } from "@/hooks/use-courses";
import { useDocuments } from "@/hooks/use-documents";
import { useI18n } from "@/hooks/use-i18n";
import { useStudyBank } from "@/hooks/use-study-bank";
import { useStudyJob } from "@/hooks/use-study-job";
import { withCourse } from "@/lib/chat-url";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import type { StudyItem, StudySource, StudyStatus } from "@/lib/types";
import { GenerateForm } from "./generate-form";
import { StudyExport } from "./study-export";
import { StudyItemRow } from "./study-item-row";
import { StudyLayout } from "./study-layout";
import { StudyStatsView } from "./study-stats";

type Filter = "all" | StudyStatus;
const FILTERS: readonly Filter[] = ["all", "draft", "approved", "rejected"];

export function StudyBankView() {
  const { selected } = useCourses();
  return <StudyBank key={selected} collection={selected} />;
}

function StudyBank({ collection }: { collection: string }) {
  const { t, locale } = useI18n();
  const { current } = useCourses();
  const docs = useDocuments(collection);
  const bank = useStudyBank(collection);
  const reload = bank.refresh;
  const generation = useStudyJob(collection, useCallback(() => void reload(), [reload]));
  const [filter, setFilter] = useState<Filter>("all");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const name = courseName(current, collection, t);
  const items = bank.items ?? [];
  const shown = filter === "all" ? items : items.filter((item) => item.status === filter);
  const drafts = shown.filter((item) => item.status === "draft");
  // Only drafts still shown stay selected.
  const picked = drafts.filter((item) => chosen.has(item.id)).map((item) => item.id);
  const failure = bank.actionError ?? bank.error;
  const count = (status: Filter) => (status === "all" ? items.length : items.filter((item) => item.status === status).length);

  const toggle = (item: StudyItem, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(item.id);
      else next.delete(item.id);
      return next;
    });

  const setStatus = async (ids: string[], status: "approved" | "rejected") => {
    if (ids.length === 0) return;
    setBusy(true);
    const done = status === "approved" ? await bank.approve(ids) : await bank.reject(ids);
    setBusy(false);
    if (done) setChosen((current) => new Set([...current].filter((id) => !ids.includes(id))));
  };

  return (
    <StudyLayout>
      {(openSource: (source: StudySource) => void) => (
        <>
          <div className="page-head">
            <h1>{t("bank.title")}</h1>
            <Link href={withCourse("/library", collection)} className="button" data-testid="bank-back">
              {t("bank.back")}
            </Link>
          </div>
          <p className="lead">{t("bank.intro", { course: name })}</p>
          <GenerateForm documents={docs.documents} generation={generation} />
          <section className="card" aria-labelledby="study-items-title" data-testid="study-bank">
            <h2 id="study-items-title">{t("bank.items")}</h2>
            <div className="study-filters" role="group" aria-label={t("bank.filter")}>
              {FILTERS.map((option) => (
                <button
                  key={option}
                  type="button"
                  className="button"
                  aria-pressed={filter === option}
                  onClick={() => setFilter(option)}
                  data-testid={`study-filter-${option}`}
                >
                  {t(`bank.filter.${option}`, { count: count(option) })}
                </button>
              ))}
            </div>
            {drafts.length > 0 && (
              <div className="study-bulk" data-testid="study-bulk">
                <label>
                  <input
                    type="checkbox"
                    checked={picked.length === drafts.length}
                    onChange={(event) => setChosen(event.target.checked ? new Set(drafts.map((item) => item.id)) : new Set())}
                    data-testid="study-select-all"
                  />{" "}
                  {t("bank.selectAll")}
                </label>
                <span className="muted" aria-live="polite" data-testid="study-selected-count">
                  {t("bank.selected", { count: picked.length })}
                </span>
                <button type="button" className="button button-primary" disabled={busy || picked.length === 0} onClick={() => void setStatus(picked, "approved")} data-testid="study-approve-selected">
                  {t("bank.approveSelected")}
                </button>
                <button type="button" className="button button-danger-text" disabled={busy || picked.length === 0} onClick={() => void setStatus(picked, "rejected")} data-testid="study-reject-selected">
                  {t("bank.rejectSelected")}
                </button>
              </div>
            )}
            {failure && (
              <p className="form-error" role="alert" data-testid="study-bank-error">
                {describeError(failure.code, locale, failure.message)}
              </p>
            )}
            {bank.items === null && !bank.error && <p className="muted">{t("common.loading")}</p>}
            {bank.items && shown.length === 0 && (
              <p className="muted" data-testid="study-bank-empty">
                {t(items.length === 0 ? "bank.empty" : "bank.emptyFilter")}
              </p>
            )}
            <ul className="document-list" data-testid="study-items">
              {shown.map((item) => (
                <StudyItemRow
                  key={item.id}
                  item={item}
                  selected={chosen.has(item.id)}
                  busy={busy}
                  onSelect={(on) => toggle(item, on)}
                  onEdit={(edit) => bank.edit(item.id, edit)}
                  onStatus={(status) => void setStatus([item.id], status)}
                  onSource={openSource}
                />
              ))}
            </ul>
          </section>
          <StudyExport collection={collection} />
          <StudyStatsView collection={collection} />
        </>
      )}
    </StudyLayout>
  );
}
