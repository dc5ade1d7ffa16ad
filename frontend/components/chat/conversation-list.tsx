"use client";
/** Past conversations: start a new one, reopen or delete an old one. */
import { useState } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { formatDateTime } from "@/lib/format";
import type { ConversationSummary } from "@/lib/types";
import { ConfirmDialog } from "../confirm-dialog";
import { CloseIcon } from "../icons";

export interface ConversationListProps {
  conversations: ConversationSummary[] | null;
  activeId: string | null;
  open: boolean;
  onToggle: () => void;
  onNew: () => void;
  onSelect: (id: string) => void;
  onDelete: (id: string) => void;
}

export function ConversationList(props: ConversationListProps) {
  const { conversations, activeId, open, onToggle, onNew, onSelect, onDelete } = props;
  const { t, locale } = useI18n();
  const [pending, setPending] = useState<ConversationSummary | null>(null);
  const titleOf = (c: ConversationSummary) => c.title?.trim() || t("chat.untitled");

  return (
    <aside className={open ? "conversations is-open" : "conversations"} aria-label={t("chat.conversations")}>
      <div className="conversations-bar">
        <button
          type="button"
          className="button button-quiet conversations-toggle"
          aria-expanded={open}
          aria-controls="conversation-items"
          onClick={onToggle}
          data-testid="conversations-toggle"
        >
          {t("chat.conversations")}
        </button>
        <button type="button" className="button" onClick={onNew} data-testid="new-conversation">
          + {t("chat.newConversation")}
        </button>
      </div>
      <div id="conversation-items" className="conversation-items">
        {conversations?.length === 0 && <p className="muted">{t("chat.noConversations")}</p>}
        <ul>
          {conversations?.map((conversation) => (
            <li key={conversation.id} className="conversation-row">
              <button
                type="button"
                className="conversation-open"
                aria-current={conversation.id === activeId ? "true" : undefined}
                onClick={() => onSelect(conversation.id)}
                data-testid="conversation-item"
              >
                <span className="conversation-title">{titleOf(conversation)}</span>
                <span className="conversation-date">{formatDateTime(conversation.updated_at, locale)}</span>
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t("chat.deleteConversation", { title: titleOf(conversation) })}
                title={t("chat.deleteConversation", { title: titleOf(conversation) })}
                onClick={() => setPending(conversation)}
                data-testid="conversation-delete"
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      </div>
      {pending && (
        <ConfirmDialog
          title={t("chat.deleteConversation", { title: titleOf(pending) })}
          message={t("chat.confirmDeleteConversation", { title: titleOf(pending) })}
          confirmLabel={t("library.delete")}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            onDelete(pending.id);
            setPending(null);
          }}
        />
      )}
    </aside>
  );
}
