"use client";
/** The teacher's library: courses, their answer mode, uploads and the documents of the chosen course. */
import Link from "next/link";
import { useCallback, useState } from "react";
import { useCourseGone } from "@/hooks/use-course-gone";
import { useCourses } from "@/hooks/use-courses";
import { useDocuments } from "@/hooks/use-documents";
import { useI18n } from "@/hooks/use-i18n";
import { useUploads } from "@/hooks/use-uploads";
import { withCourse } from "@/lib/chat-url";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import type { DocumentInfo } from "@/lib/types";
import { CourseGoneNotice } from "../classes/course-gone-notice";
import { ConfirmDialog } from "../confirm-dialog";
import { CourseManager } from "./course-manager";
import { DocumentRow } from "./document-row";
import { TutorModeForm } from "./tutor-mode-form";
import { UploadList } from "./upload-list";
import { UploadZone } from "./upload-zone";

export function LibraryView() {
  const { t, locale } = useI18n();
  const { selected, current, refresh: refreshCourses } = useCourses();
  const docs = useDocuments(selected);
  const refreshDocs = docs.refresh;
  const onUploaded = useCallback(() => {
    void refreshDocs();
    void refreshCourses();
  }, [refreshDocs, refreshCourses]);
  const uploads = useUploads(selected, onUploaded);
  const [deleting, setDeleting] = useState<DocumentInfo | null>(null);
  const name = courseName(current, selected, t);
  const failure = docs.actionError ?? docs.error;
  useCourseGone(failure?.code);

  return (
    <div className="page">
      <h1>{t("library.title")}</h1>
      <p className="lead">{t("library.intro")}</p>
      <CourseGoneNotice />
      {current?.visibility === "aberto" && current.owned && (
        <p className="notice" role="note" data-testid="library-open-course">
          {t("library.openCourse")} <Link href="/meus-cursos">{t("library.closeCourse")}</Link>
        </p>
      )}
      <CourseManager />
      {current && <TutorModeForm key={current.id} />}
      <section className="card study-bank-link" aria-labelledby="study-bank-link-title">
        <h2 id="study-bank-link-title">{t("bank.open")}</h2>
        <p className="muted">{t("bank.openIntro")}</p>
        <Link href={withCourse("/library/study", selected)} className="button button-primary" data-testid="library-study-link">
          {t("bank.open")}
        </Link>
      </section>
      <section className="card" aria-labelledby="documents-title">
        <h2 id="documents-title">{t("library.documents", { course: name })}</h2>
        <UploadZone onFiles={(files) => void uploads.add(files)} />
        <UploadList items={uploads.items} onDismiss={uploads.dismiss} />
        {failure && (
          <p className="form-error" role="alert" data-testid="library-error">
            {describeError(failure.code, locale, failure.message)}
          </p>
        )}
        {docs.documents === null && !docs.error && <p className="muted">{t("common.loading")}</p>}
        {docs.documents?.length === 0 && (
          <p className="muted" data-testid="library-empty">
            {t("library.empty")}
          </p>
        )}
        <ul className="document-list" data-testid="document-list">
          {docs.documents?.map((doc) => (
            <DocumentRow
              key={doc.id}
              doc={doc}
              onRename={(title) => docs.rename(doc.id, title)}
              onDelete={() => setDeleting(doc)}
              onReindex={() => docs.reindex(doc.id)}
            />
          ))}
        </ul>
      </section>
      {deleting && (
        <ConfirmDialog
          title={t("library.deleteLabel", { title: deleting.title })}
          message={t("library.confirmDelete", { title: deleting.title })}
          confirmLabel={t("library.delete")}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void docs.remove(id).then(() => refreshCourses());
          }}
        />
      )}
    </div>
  );
}
