"use client";
/** A teacher signs in: e-mail and password, or the OIDC provider's button when offered. */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { useSession } from "@/hooks/use-session";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { oidcRefusal, signInErrorText } from "@/lib/sign-in";
import { FormError } from "../form-error";
import { TextField } from "./text-field";

export const MY_COURSES = "/meus-cursos";

export function SignInForm() {
  const { t, locale } = useI18n();
  const { session, teacher, signIn } = useSession();
  const router = useRouter();
  const refusal = oidcRefusal(useSearchParams()?.get("erro"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const titleId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      setError(null);
      router.push(MY_COURSES);
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };

  if (teacher) {
    return (
      <section className="card" data-testid="signed-in">
        <p>{t("auth.already", { name: teacher.name || teacher.email })}</p>
        <Link href={MY_COURSES} className="button button-primary" data-testid="signed-in-my-courses">
          {t("nav.myCourses")}
        </Link>
      </section>
    );
  }

  return (
    <section className="card auth-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("auth.teacherTitle")}</h2>
      <FormError testId="oidc-error">{refusal && t(refusal)}</FormError>
      <form className="stack" onSubmit={onSubmit} data-testid="sign-in-form">
        <TextField label={t("auth.email")} type="email" autoComplete="username" value={email} onValue={setEmail} required testId="sign-in-email" />
        <TextField
          label={t("auth.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          required
          testId="sign-in-password"
        />
        <FormError testId="sign-in-error">{error && signInErrorText(error, t, locale)}</FormError>
        <div className="row">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="sign-in-submit">
            {t("auth.signIn")}
          </button>
        </div>
      </form>
      {session?.oidc_available && (
        <p className="row auth-oidc">
          <a className="button" href={api.oidcStartUrl(MY_COURSES)} data-testid="sign-in-oidc">
            {t("auth.oidc", { provider: session.oidc_label ?? t("auth.oidcProvider") })}
          </a>
        </p>
      )}
    </section>
  );
}
