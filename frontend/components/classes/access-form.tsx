"use client";
/** An owned course's visibility and how many days its conversations are kept (blank: always). */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { daysFrom } from "@/lib/classes";
import type { Collection, CourseAccess, Visibility } from "@/lib/types";
import { FormError } from "../form-error";
import { VisibilityChoice } from "./visibility-choice";

export const MAX_RETENTION_DAYS = 3650;

export interface AccessFormProps {
  course: Collection;
  /** Resolves true once saved. */
  onSave: (access: CourseAccess) => Promise<boolean>;
}

export function AccessForm({ course, onSave }: AccessFormProps) {
  const { t } = useI18n();
  const [visibility, setVisibility] = useState<Visibility>(course.visibility ?? "aberto");
  const [retention, setRetention] = useState(course.retention_days ? String(course.retention_days) : "");
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const id = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const days = daysFrom(retention, MAX_RETENTION_DAYS);
    if (days === "invalid") return setProblem(t("classes.retentionInvalid", { max: MAX_RETENTION_DAYS }));
    setProblem(null);
    setStatus("");
    if (await onSave({ visibility, retention_days: days })) setStatus(t("classes.accessSaved"));
  };

  return (
    <form className="stack access-form" onSubmit={onSubmit} noValidate data-testid="access-form">
      <VisibilityChoice value={visibility} onChange={setVisibility} testId="access-visibility" />
      <label htmlFor={`${id}-retention`}>{t("classes.retention")}</label>
      <input
        id={`${id}-retention`}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_RETENTION_DAYS}
        value={retention}
        onChange={(e) => setRetention(e.target.value)}
        aria-describedby={`${id}-retention-help`}
        className="days-input"
        data-testid="access-retention"
      />
      <p id={`${id}-retention-help`} className="hint">
        {t("classes.retentionHelp")}
      </p>
      <FormError testId="access-error">{problem}</FormError>
      <div className="row">
        <button type="submit" className="button" data-testid="access-save">
          {t("classes.saveAccess")}
        </button>
        <span role="status" className="muted" data-testid="access-status">
          {status}
        </span>
      </div>
    </form>
  );
}
