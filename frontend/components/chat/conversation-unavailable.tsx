"use client";
/** A conversation's address opened where it cannot be read (another browser's, or deleted). */
import { useI18n } from "@/hooks/use-i18n";
import { RouteNotice } from "../route-notice";

export function ConversationUnavailable({ onNew }: { onNew: () => void }) {
  const { t } = useI18n();
  return (
    <RouteNotice
      title={t("chat.unavailableTitle")}
      testId="conversation-unavailable"
      actions={
        <button type="button" className="button button-primary" onClick={onNew} data-testid="unavailable-new">
          {t("chat.newConversation")}
        </button>
      }
    >
      <p>{t("chat.unavailableBody")}</p>
    </RouteNotice>
  );
}
