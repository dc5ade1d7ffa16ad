"use client";
/** Create, rename and delete courses (teacher only; the backend asks for the credential). */
import { useId, useState, type FormEvent } from "react";
import type { ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { DEFAULT_COURSE, useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import { ConfirmDialog } from "../confirm-dialog";

export function CourseManager() {
  const { t, locale } = useI18n();
  const { current, selected, create, rename, remove } = useCourses();
  const [newName, setNewName] = useState("");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const newId = useId();
  const renameId = useId();
  const name = courseName(current, selected, t);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      setError(null);
      setNotice(done ?? "");
      return true;
    } catch (failure) {
      setError(asApiError(failure));
      return false;
    }
  };

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const value = newName.trim();
    if (value && (await run(() => create(value), t("courses.created", { name: value })))) setNewName("");
  };

  const onRename = async (event: FormEvent) => {
    event.preventDefault();
    const value = renaming?.trim();
    if (value && (await run(() => rename(selected, value)))) setRenaming(null);
  };

  return (
    <section className="card course-manager" aria-labelledby={`${newId}-title`}>
      <h2 id={`${newId}-title`}>{t("courses.title")}</h2>
      <div className="course-current">
        {renaming === null ? (
          <>
            <strong data-testid="course-current">{name}</strong>
            <button type="button" className="button button-quiet" onClick={() => setRenaming(current?.name ?? selected)} data-testid="course-rename">
              {t("courses.rename")}
            </button>
            {selected === DEFAULT_COURSE ? (
              <span className="muted">{t("courses.defaultNote")}</span>
            ) : (
              <button
                type="button"
                className="button button-quiet button-danger-text"
                onClick={() => setConfirming(true)}
                data-testid="course-delete"
              >
                {t("courses.delete")}
              </button>
            )}
          </>
        ) : (
          <form className="row" onSubmit={onRename}>
            <label htmlFor={renameId}>{t("courses.renameLabel")}</label>
            <input id={renameId} value={renaming} onChange={(e) => setRenaming(e.target.value)} required data-testid="course-name-input" />
            <button type="submit" className="button button-primary" data-testid="course-rename-save">
              {t("library.save")}
            </button>
            <button type="button" className="button" onClick={() => setRenaming(null)} data-testid="course-rename-cancel">
              {t("library.cancel")}
            </button>
          </form>
        )}
      </div>
      <form className="row" onSubmit={onCreate}>
        <label htmlFor={newId}>{t("courses.newName")}</label>
        <input id={newId} value={newName} onChange={(e) => setNewName(e.target.value)} required data-testid="course-new-input" />
        <button type="submit" className="button" data-testid="course-create">
          {t("courses.create")}
        </button>
      </form>
      <p role="status" className="muted">
        {notice}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="course-error">
          {describeError(error.code, locale, error.message)}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t("courses.delete")}
          message={t("courses.confirmDelete", { name })}
          confirmLabel={t("library.delete")}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run(() => remove(selected));
          }}
        />
      )}
    </section>
  );
}
