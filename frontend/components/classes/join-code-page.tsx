"use client";
/** `/entrar/turma`: a student types the code the teacher showed. */
import { useI18n } from "@/hooks/use-i18n";
import { JoinCodeForm } from "./join-code-form";

export function JoinCodePage() {
  const { t } = useI18n();
  return (
    <div className="page auth-page">
      <h1>{t("join.studentTitle")}</h1>
      <section className="card">
        <p className="muted">{t("join.studentIntro")}</p>
        <JoinCodeForm />
      </section>
    </div>
  );
}
