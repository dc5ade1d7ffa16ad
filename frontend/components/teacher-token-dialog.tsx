"use client";
/** Asks for the teacher credential when a teacher-only call was refused. */
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { useTeacherAuth } from "@/hooks/use-teacher-auth";
import { Modal } from "./modal";

export function TeacherTokenDialog() {
  const { t } = useI18n();
  const { prompt, submit, cancel } = useTeacherAuth();
  const [token, setToken] = useState("");
  const inputId = useId();
  if (!prompt) return null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(token);
    setToken("");
  };

  return (
    <Modal title={t("auth.title")} onClose={cancel} testId="teacher-token-dialog">
      <form onSubmit={onSubmit} className="stack">
        <p>{t("auth.body")}</p>
        <p className="muted">
          {t("auth.haveAccount")}{" "}
          <Link href="/entrar" onClick={cancel} data-testid="teacher-token-sign-in">
            {t("auth.signInInstead")}
          </Link>
        </p>
        {prompt.wrong && (
          <p className="form-error" role="alert" data-testid="teacher-token-wrong">
            {t("auth.wrong")}
          </p>
        )}
        <label htmlFor={inputId}>{t("auth.label")}</label>
        <input
          id={inputId}
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
          data-autofocus
          data-testid="teacher-token-input"
        />
        <div className="modal-actions">
          <button type="button" className="button" onClick={cancel} data-testid="teacher-token-cancel">
            {t("auth.cancel")}
          </button>
          <button type="submit" className="button button-primary" data-testid="teacher-token-submit">
            {t("auth.submit")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
