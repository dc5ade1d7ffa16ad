"use client";
/**
 * The question box: Enter sends, Shift+Enter adds a line; Stop interrupts a streaming answer. In
 * tutor mode, with a question open, "Responder" sends the text as the student's own answer.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";

export interface ComposerProps {
  streaming: boolean;
  disabled?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  /** Present while the student may answer the open tutor question themselves. */
  onAttempt?: (text: string) => void;
}

export function Composer({ streaming, disabled = false, onSend, onStop, onAttempt }: ComposerProps) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const inputId = useId();
  const hintId = useId();
  const attemptId = useId();
  const canSend = text.trim().length > 0 && !streaming && !disabled;

  const submit = (event?: FormEvent, send: (text: string) => void = onSend) => {
    event?.preventDefault();
    if (!canSend) return;
    send(text);
    setText("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit} data-testid="chat-form">
      <label htmlFor={inputId} className="sr-only">
        {t("chat.inputLabel")}
      </label>
      <textarea
        id={inputId}
        rows={2}
        value={text}
        placeholder={t("chat.placeholder")}
        aria-describedby={onAttempt ? `${hintId} ${attemptId}` : hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="chat-input"
      />
      <div className="composer-actions">
        <span id={hintId} className="hint">
          {t("chat.hint")}
        </span>
        {onAttempt && (
          <span id={attemptId} className="sr-only">
            {t("tutor.attemptHelp")}
          </span>
        )}
        {streaming && (
          <button type="button" className="button" onClick={onStop} data-testid="chat-stop">
            <span aria-hidden="true">■ </span>
            {t("chat.stop")}
          </button>
        )}
        {onAttempt && (
          <button
            type="button"
            className="button"
            disabled={!canSend}
            onClick={() => submit(undefined, onAttempt)}
            aria-describedby={attemptId}
            data-testid="chat-attempt"
          >
            {t("tutor.attempt")}
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={!canSend} data-testid="chat-send">
          {t("chat.send")}
        </button>
      </div>
    </form>
  );
}
