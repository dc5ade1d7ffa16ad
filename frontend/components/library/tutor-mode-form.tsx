"use client";
/**
 * The teacher's answer mode for the chosen course (issue 19): direto, tutor or prova, each with
 * one line on what it does, and an optional prova window on the Brasília clock. Remount it per
 * course (`key`) so the form starts from that course's setting.
 */
import { useId, useState, type FormEvent } from "react";
import type { ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { useCourses } from "@/hooks/use-courses";
import { useI18n } from "@/hooks/use-i18n";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import { fromSchoolInput, toSchoolInput, TUTOR_MODES } from "@/lib/tutor";
import type { TutorMode } from "@/lib/types";

export function TutorModeForm() {
  const { t, locale } = useI18n();
  const { current, selected, setTutorMode } = useCourses();
  const [mode, setMode] = useState<TutorMode>(current?.tutor_mode ?? "direto");
  const [starts, setStarts] = useState(toSchoolInput(current?.prova_starts_at));
  const [ends, setEnds] = useState(toSchoolInput(current?.prova_ends_at));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const id = useId();
  const name = courseName(current, selected, t);
  const provaNow = current?.tutor_mode_now === "prova" && current.tutor_mode !== "prova";

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      await setTutorMode(selected, { tutor_mode: mode, prova_starts_at: fromSchoolInput(starts), prova_ends_at: fromSchoolInput(ends) });
      setError(null);
      setNotice(t("tutor.saved", { course: name, mode: t(`tutor.mode.${mode}`) }));
    } catch (failure) {
      setNotice("");
      setError(asApiError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card tutor-mode-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("tutor.settings")}</h2>
      <p className="muted">{t("tutor.settingsIntro", { course: name })}</p>
      <form onSubmit={onSave} data-testid="tutor-mode-form">
        <fieldset className="tutor-mode-options">
          <legend className="sr-only">{t("tutor.settings")}</legend>
          {TUTOR_MODES.map((option) => (
            <label key={option} className="tutor-mode-option">
              <input
                type="radio"
                name={`${id}-mode`}
                value={option}
                checked={mode === option}
                onChange={() => setMode(option)}
                aria-describedby={`${id}-${option}`}
                data-testid={`tutor-mode-${option}`}
              />
              <strong>{t(`tutor.mode.${option}`)}</strong>
              <span id={`${id}-${option}`} className="muted">
                {t(`tutor.explain.${option}`)}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="tutor-window" aria-describedby={`${id}-window-help`}>
          <legend>{t("tutor.window")}</legend>
          <p id={`${id}-window-help`} className="hint">
            {t("tutor.windowHelp")}
          </p>
          <div className="row">
            <label htmlFor={`${id}-starts`}>{t("tutor.windowStart")}</label>
            <input id={`${id}-starts`} type="datetime-local" value={starts} onChange={(e) => setStarts(e.target.value)} data-testid="tutor-window-start" />
            <label htmlFor={`${id}-ends`}>{t("tutor.windowEnd")}</label>
            <input id={`${id}-ends`} type="datetime-local" value={ends} onChange={(e) => setEnds(e.target.value)} data-testid="tutor-window-end" />
          </div>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="tutor-mode-save">
          {t("tutor.save")}
        </button>
      </form>
      {provaNow && (
        <p className="muted" data-testid="tutor-prova-now">
          {t("tutor.nowProva")}
        </p>
      )}
      <p role="status" className="muted" data-testid="tutor-mode-status">
        {notice}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="tutor-mode-error">
          {describeError(error.code, locale, error.message)}
        </p>
      )}
    </section>
  );
}
