"use client";
/** The question box: Enter sends, Shift+Enter adds a line; Stop interrupts a streaming answer. */
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";

export interface ComposerProps {
  streaming: boolean;
  disabled?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}

export function Composer({ streaming, disabled = false, onSend, onStop }: ComposerProps) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const inputId = useId();
  const hintId = useId();
  const canSend = text.trim().length > 0 && !streaming && !disabled;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(text);
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
        aria-describedby={hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="chat-input"
      />
      <div className="composer-actions">
        <span id={hintId} className="hint">
          {t("chat.hint")}
        </span>
        {streaming && (
          <button type="button" className="button" onClick={onStop} data-testid="chat-stop">
            <span aria-hidden="true">■ </span>
            {t("chat.stop")}
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={!canSend} data-testid="chat-send">
          {t("chat.send")}
        </button>
      </div>
    </form>
  );
}
