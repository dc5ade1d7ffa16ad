"use client";
/** Create a course owned by the signed-in teacher: a name and who may see it (turma by default). */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { Visibility } from "@/lib/types";
import { TextField } from "./text-field";
import { VisibilityChoice } from "./visibility-choice";

export interface NewCourseFormProps {
  /** Resolves true once created (the form then clears). */
  onCreate: (name: string, visibility: Visibility) => Promise<boolean>;
}

export function NewCourseForm({ onCreate }: NewCourseFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("turma");
  const [busy, setBusy] = useState(false);
  const id = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const value = name.trim();
    if (!value) return;
    setBusy(true);
    if (await onCreate(value, visibility)) {
      setName("");
      setVisibility("turma");
    }
    setBusy(false);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("classes.newCourse")}</h2>
      <form className="stack" onSubmit={onSubmit} data-testid="new-course-form">
        <TextField label={t("courses.newName")} value={name} onValue={setName} required testId="new-course-name" />
        <VisibilityChoice value={visibility} onChange={setVisibility} testId="new-course-visibility" />
        <div className="row">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="new-course-create">
            {t("courses.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
