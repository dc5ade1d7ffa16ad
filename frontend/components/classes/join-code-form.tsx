"use client";
/** A student types the class code (or pastes the link) and goes to its join page. */
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { codeFromInput, joinHref } from "@/lib/classes";

export function JoinCodeForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const id = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const code = codeFromInput(typed);
    if (code) router.push(joinHref(code));
  };

  return (
    <form className="row join-code-form" onSubmit={onSubmit} data-testid="join-code-form">
      <label htmlFor={id}>{t("join.codeLabel")}</label>
      <input
        id={id}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder={t("join.codePlaceholder")}
        required
        data-testid="join-code-input"
      />
      <button type="submit" className="button button-primary" data-testid="join-code-submit">
        {t("join.codeSubmit")}
      </button>
    </form>
  );
}
