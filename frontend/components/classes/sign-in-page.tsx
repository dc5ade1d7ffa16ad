"use client";
/** `/entrar`: teachers sign in; students find the class-code box beside it. */
import { useI18n } from "@/hooks/use-i18n";
import { JoinCodeForm } from "./join-code-form";
import { SignInForm } from "./sign-in-form";

export function SignInPage() {
  const { t } = useI18n();
  return (
    <div className="page auth-page">
      <h1>{t("nav.signIn")}</h1>
      <SignInForm />
      <section className="card" aria-labelledby="student-join-title">
        <h2 id="student-join-title">{t("join.studentTitle")}</h2>
        <p className="muted">{t("join.studentIntro")}</p>
        <JoinCodeForm />
      </section>
    </div>
  );
}
