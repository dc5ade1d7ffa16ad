"use client";
/** One answer: streamed text, mode label, the tutor's steps, citation chips, copy and feedback. */
import { useCallback, useMemo } from "react";
import { useCopy } from "@/hooks/use-copy";
import type { ChatMessage } from "@/hooks/use-chat";
import type { FeedbackEntry } from "@/hooks/use-feedback";
import { useI18n } from "@/hooks/use-i18n";
import { api } from "@/lib/api-client";
import type { LinkPolicy } from "@/lib/answer-links";
import { describeError } from "@/lib/errors";
import type { Citation, Rating } from "@/lib/types";
import { AnswerMarkdown } from "./answer-markdown";
import { CitationChips } from "./citation-chips";
import { FeedbackButtons } from "./feedback-buttons";
import { TutorLevel, TutorSteps } from "./tutor-steps";
import { CopyIcon, InfoIcon } from "../icons";

export interface AssistantMessageProps {
  message: ChatMessage;
  feedback: FeedbackEntry | undefined;
  /** Open a citation; the answer's other citations come along for previous/next. */
  onCite: (citation: Citation, citations: Citation[]) => void;
  onRate: (messageId: string, rating: Rating, comment?: string) => void;
  onRetry: (question: string, action: ChatMessage["action"]) => void;
  canRetry: boolean;
  /** The next tutor step (hint, reveal); only on the latest answer, while nothing streams. */
  onAction?: (action: "hint" | "reveal") => void;
}

export function AssistantMessage({ message, feedback, onCite, onRate, onRetry, canRetry, onAction }: AssistantMessageProps) {
  const { t, locale } = useI18n();
  const { state: copyState, copy } = useCopy();
  const { key, content, citations, mode, state, error, messageId, grounded, tutor } = message;
  const links = useMemo<LinkPolicy>(
    () => ({
      origin: typeof window === "undefined" ? "" : window.location.origin,
      citedUrls: citations.map((c) => api.documentFileUrl(c.document_id)),
    }),
    [citations],
  );
  const anchorFor = useCallback((n: number) => `citation-${key}-${n}`, [key]);
  const citeByNumber = useCallback(
    (n: number) => {
      const citation = citations[n - 1];
      if (citation) onCite(citation, citations);
    },
    [citations, onCite],
  );
  const openChip = useCallback((citation: Citation) => onCite(citation, citations), [citations, onCite]);
  const copyLabel = copyState === "copied" ? t("chat.copied") : copyState === "failed" ? t("chat.copyFailed") : t("chat.copy");

  return (
    <article
      className={`message answer answer-${mode ?? "pending"}`}
      data-testid="answer"
      data-mode={mode ?? ""}
      data-state={state}
      aria-busy={state === "streaming"}
      aria-label={t("chat.assistant")}
    >
      {mode === "refused" && (
        <p className="answer-label answer-label-refused" data-testid="answer-refused">
          <InfoIcon />
          {t("chat.mode.refused")}
        </p>
      )}
      {mode === "extractive" && (
        <p className="answer-label" data-testid="answer-extractive">
          {t("chat.mode.extractive")}
        </p>
      )}
      {!grounded && (
        <p className="answer-label answer-label-ungrounded" data-testid="answer-ungrounded">
          <InfoIcon />
          {t("chat.ungrounded")}
        </p>
      )}
      {tutor && <TutorLevel tutor={tutor} />}
      {state === "streaming" && !content && <p className="thinking">{t("chat.thinking")}</p>}
      {content && (
        <AnswerMarkdown
          text={content}
          citationCount={citations.length}
          anchorFor={anchorFor}
          onCite={citeByNumber}
          links={links}
        />
      )}
      {state === "stopped" && <p className="muted">{t("chat.stopped")}</p>}
      {tutor && <TutorSteps tutor={tutor} cited={citations.length > 0} onCite={onCite} onAction={onAction} />}
      {state === "error" && error && (
        <div className="answer-error" role="alert">
          <p>{describeError(error.code, locale, error.message)}</p>
          {canRetry && !error.code.startsWith("conflict:") && (
            <button type="button" className="button" onClick={() => onRetry(message.question, message.action)} data-testid="chat-retry">
              {t("chat.retry")}
            </button>
          )}
        </div>
      )}
      {citations.length > 0 && <CitationChips citations={citations} anchorFor={anchorFor} onOpen={openChip} />}
      {state === "done" && (
        <div className="answer-actions">
          <button type="button" className="button button-quiet" onClick={() => void copy(content)} data-testid="answer-copy">
            <CopyIcon />
            <span aria-live="polite">{copyLabel}</span>
          </button>
          {messageId && (
            <FeedbackButtons entry={feedback} onRate={(rating, comment) => onRate(messageId, rating, comment)} />
          )}
        </div>
      )}
    </article>
  );
}
