"use client";
/** Turma or aberto, each with what it means for students. */
import { useId } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { Visibility } from "@/lib/types";

const CHOICES: { value: Visibility; label: "classes.turma" | "classes.aberto"; help: "classes.turmaHelp" | "classes.abertoHelp" }[] = [
  { value: "turma", label: "classes.turma", help: "classes.turmaHelp" },
  { value: "aberto", label: "classes.aberto", help: "classes.abertoHelp" },
];

export interface VisibilityChoiceProps {
  value: Visibility;
  onChange: (value: Visibility) => void;
  /** Distinguishes the radios of several forms on one page (test ids). */
  testId: string;
}

export function VisibilityChoice({ value, onChange, testId }: VisibilityChoiceProps) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className="visibility-choice" data-testid={testId}>
      <legend>{t("classes.visibility")}</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="visibility-option">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
            data-testid={`${testId}-${choice.value}`}
          />
          <span>
            <strong>{t(choice.label)}:</strong> {t(choice.help)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
