"use client";
/** Thumbs up/down for one answer; thumbs down offers an optional comment before sending. */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { FeedbackEntry } from "@/hooks/use-feedback";
import type { Rating } from "@/lib/types";
import { describeError } from "@/lib/errors";
import { ThumbDownIcon, ThumbUpIcon } from "../icons";

export interface FeedbackButtonsProps {
  entry: FeedbackEntry | undefined;
  onRate: (rating: Rating, comment?: string) => void;
}

export function FeedbackButtons({ entry, onRate }: FeedbackButtonsProps) {
  const { t, locale } = useI18n();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState("");
  const commentId = useId();
  const rating = asking ? "down" : entry?.rating;

  const sendDown = (event?: FormEvent) => {
    event?.preventDefault();
    onRate("down", comment);
    setAsking(false);
    setComment("");
  };

  return (
    <div className="feedback" role="group" aria-label={t("chat.feedback")}>
      <button
        type="button"
        className="icon-button"
        aria-pressed={rating === "up"}
        aria-label={t("chat.feedbackUp")}
        title={t("chat.feedbackUp")}
        onClick={() => {
          setAsking(false);
          onRate("up");
        }}
        data-testid="feedback-up"
      >
        <ThumbUpIcon />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-pressed={rating === "down"}
        aria-label={t("chat.feedbackDown")}
        title={t("chat.feedbackDown")}
        onClick={() => setAsking(true)}
        data-testid="feedback-down"
      >
        <ThumbDownIcon />
      </button>
      {asking && (
        <form className="feedback-form" onSubmit={sendDown}>
          <label htmlFor={commentId}>{t("chat.feedbackCommentLabel")}</label>
          <textarea
            id={commentId}
            rows={2}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            data-autofocus
            data-testid="feedback-comment"
          />
          <div className="row">
            <button type="submit" className="button button-primary" data-testid="feedback-comment-send">
              {t("chat.feedbackCommentSend")}
            </button>
            <button type="button" className="button" onClick={() => sendDown()} data-testid="feedback-comment-skip">
              {t("chat.feedbackCommentSkip")}
            </button>
          </div>
        </form>
      )}
      <span role="status" className="feedback-status">
        {entry && !asking && !entry.error && t("chat.feedbackThanks")}
        {entry?.error && describeError(entry.error.code, locale, entry.error.message)}
      </span>
    </div>
  );
}
