"use client";
/** The course's answer mode above the chat (issue 19): its name and one line on what it does. */
import { useI18n } from "@/hooks/use-i18n";
import type { TutorMode } from "@/lib/types";

export function TutorBadge({ mode }: { mode: TutorMode }) {
  const { t } = useI18n();
  return (
    <p className={`tutor-badge tutor-badge-${mode}`} data-testid="tutor-badge" data-mode={mode}>
      <strong className="tutor-badge-name">{t("tutor.badge", { mode: t(`tutor.mode.${mode}`) })}</strong>{" "}
      <span className="tutor-badge-explain">{t(`tutor.explain.${mode}`)}</span>
    </p>
  );
}
