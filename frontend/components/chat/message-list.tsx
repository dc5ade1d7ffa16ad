"use client";
/** The conversation so far; keeps the newest text in view while the user is at the bottom. */
import { useEffect, useRef } from "react";
import type { ChatMessage } from "@/hooks/use-chat";
import type { FeedbackEntry } from "@/hooks/use-feedback";
import { useI18n } from "@/hooks/use-i18n";
import type { Citation, Rating } from "@/lib/types";
import { AssistantMessage } from "./assistant-message";

export interface MessageListProps {
  messages: ChatMessage[];
  feedback: Record<string, FeedbackEntry>;
  busy: boolean;
  empty: string;
  onCite: (citation: Citation, citations: Citation[]) => void;
  onRate: (messageId: string, rating: Rating, comment?: string) => void;
  onRetry: (question: string, action: ChatMessage["action"]) => void;
  /** The latest answer's next tutor step (hint, reveal). */
  onAction: (action: "hint" | "reveal") => void;
}

export function MessageList({ messages, feedback, busy, empty, onCite, onRate, onRetry, onAction }: MessageListProps) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const last = messages[messages.length - 1];

  useEffect(() => {
    const box = scroller.current;
    if (box && pinned.current) box.scrollTop = box.scrollHeight;
  }, [messages.length, last?.content, last?.state]);

  const onScroll = () => {
    const box = scroller.current;
    if (box) pinned.current = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  };

  return (
    <div className="message-scroller" ref={scroller} onScroll={onScroll} data-testid="message-list">
      {messages.length === 0 ? (
        <p className="chat-empty" data-testid="chat-empty">
          {empty}
        </p>
      ) : (
        <ol className="messages">
          {messages.map((message) => (
            <li key={message.key}>
              {message.role === "user" ? (
                <div className="message question" data-testid="question" data-action={message.action}>
                  {message.action === "attempt" ? (
                    <span className="question-label">{t("tutor.yourAnswer")}: </span>
                  ) : (
                    <span className="sr-only">{t("chat.you")}: </span>
                  )}
                  {message.content}
                </div>
              ) : (
                <AssistantMessage
                  message={message}
                  feedback={message.messageId ? feedback[message.messageId] : undefined}
                  onCite={onCite}
                  onRate={onRate}
                  onRetry={onRetry}
                  canRetry={!busy}
                  onAction={!busy && message === last ? onAction : undefined}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
