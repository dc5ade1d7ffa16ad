"use client";
/** A teacher's invitation or reset link (`/entrar/senha?token=`): choose a password, then in. */
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { useSession } from "@/hooks/use-session";
import type { ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { describeError } from "@/lib/errors";
import { MY_COURSES } from "./sign-in-form";
import { FormError } from "../form-error";
import { TextField } from "./text-field";

export const MIN_PASSWORD = 10;

export function SetPasswordForm() {
  const { t, locale } = useI18n();
  const { accept } = useSession();
  const router = useRouter();
  const token = useSearchParams()?.get("token")?.trim() ?? "";
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  if (!token) {
    return (
      <section className="card" role="alert" data-testid="set-password-no-token">
        <p>{t("auth.noToken")}</p>
        <Link href="/entrar">{t("auth.toSignIn")}</Link>
      </section>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (password.length < MIN_PASSWORD) return setProblem(t("auth.tooShort", { n: MIN_PASSWORD }));
    if (password !== repeat) return setProblem(t("auth.mismatch"));
    setProblem(null);
    setBusy(true);
    try {
      await accept(token, password);
      router.push(MY_COURSES);
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };

  return (
    <section className="card auth-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("auth.setPasswordTitle")}</h2>
      <p className="muted">{t("auth.setPasswordIntro", { n: MIN_PASSWORD })}</p>
      <form className="stack" onSubmit={onSubmit} noValidate data-testid="set-password-form">
        <TextField
          label={t("auth.newPassword")}
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD}
          value={password}
          onValue={setPassword}
          aria-describedby={problem ? `${id}-problem` : undefined}
          required
          testId="set-password-input"
        />
        <TextField label={t("auth.repeatPassword")} type="password" autoComplete="new-password" value={repeat} onValue={setRepeat} required testId="set-password-repeat" />
        <FormError id={`${id}-problem`} testId="set-password-error">
          {problem ?? (error && describeError(error.code, locale, error.message))}
        </FormError>
        <div className="row">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="set-password-submit">
            {t("auth.setPassword")}
          </button>
        </div>
      </form>
    </section>
  );
}
