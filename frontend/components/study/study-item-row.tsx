"use client";
/**
 * One item of the question bank: kind, status, question (or front), answer (or back), the options
 * of a multiple-choice question, its source (a page link into the source panel); approve, edit
 * (the source stays) or reject it; drafts can be selected for the bulk actions.
 */
import { useCallback, useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import type { StudyItem, StudyItemEdit, StudySource } from "@/lib/types";
import { StudySourceLink } from "./study-source-link";

export interface StudyItemRowProps {
  item: StudyItem;
  selected: boolean;
  busy: boolean;
  onSelect: (selected: boolean) => void;
  onEdit: (edit: StudyItemEdit) => Promise<boolean>;
  onStatus: (status: "approved" | "rejected") => void;
  onSource: (source: StudySource) => void;
}

export function StudyItemRow({ item, selected, busy, onSelect, onEdit, onStatus, onSource }: StudyItemRowProps) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const flashcard = item.kind === "flashcard";
  const choice = item.kind === "multiple_choice";

  return (
    <li className="study-item" data-testid="study-item" data-id={item.id} data-kind={item.kind} data-status={item.status}>
      <div className="study-item-head">
        {item.status === "draft" && (
          <input
            type="checkbox"
            checked={selected}
            onChange={(event) => onSelect(event.target.checked)}
            aria-label={t("bank.select", { question: item.question })}
            data-testid="study-item-select"
          />
        )}
        <span className="study-kind" data-testid="study-item-kind">
          {t(`study.kind.${item.kind}`)}
        </span>
        <span className={`status-badge study-status-${item.status}`} data-testid="study-item-status">
          {t(`bank.status.${item.status}`)}
        </span>
      </div>
      {editing ? (
        <ItemEditor item={item} onCancel={() => setEditing(false)} onSave={async (edit) => (await onEdit(edit)) && setEditing(false)} />
      ) : (
        <dl className="study-item-body">
          <dt>{t(flashcard ? "bank.cardFront" : "bank.question")}</dt>
          <dd data-testid="study-item-question">{item.question}</dd>
          <dt>{t(flashcard ? "bank.cardBack" : "bank.answer")}</dt>
          <dd data-testid="study-item-answer">{item.answer}</dd>
          {choice && (
            <>
              <dt>{t("bank.options")}</dt>
              <dd>
                <ul className="study-options" data-testid="study-item-options">
                  {item.options.map((option, index) => (
                    <li key={`${option}-${index}`} className={option === item.answer ? "is-answer" : undefined}>
                      {option} {option === item.answer && <span className="muted">{t("bank.correctOption")}</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{t("bank.source")}</dt>
          <dd>
            <StudySourceLink source={item.source} onOpen={onSource} />
          </dd>
        </dl>
      )}
      {!editing && (
        <div className="document-actions study-item-actions">
          {item.status !== "approved" && (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => onStatus("approved")} data-testid="study-item-approve">
              {t("bank.approve")}
            </button>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => setEditing(true)} data-testid="study-item-edit">
            {t("bank.edit")}
          </button>
          {item.status !== "rejected" && (
            <button type="button" className="button button-danger-text" disabled={busy} onClick={() => onStatus("rejected")} data-testid="study-item-reject">
              {t("bank.reject")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

interface ItemEditorProps {
  item: StudyItem;
  onSave: (edit: StudyItemEdit) => Promise<unknown>;
  onCancel: () => void;
}

/** The item's wording in a form; only what changed is sent, and never its source. */
function ItemEditor({ item, onSave, onCancel }: ItemEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const [question, setQuestion] = useState(item.question);
  const [answer, setAnswer] = useState(item.answer);
  const [distractors, setDistractors] = useState(item.distractors.join("\n"));
  const [saving, setSaving] = useState(false);
  const focusOnMount = useCallback((field: HTMLTextAreaElement | null) => field?.focus(), []);
  const choice = item.kind === "multiple_choice";
  const flashcard = item.kind === "flashcard";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const edit: StudyItemEdit = {};
    if (question.trim() && question.trim() !== item.question) edit.question = question.trim();
    if (answer.trim() && answer.trim() !== item.answer) edit.answer = answer.trim();
    const wrong = distractors.split("\n").map((line) => line.trim()).filter(Boolean);
    if (choice && wrong.join("\n") !== item.distractors.join("\n")) edit.distractors = wrong;
    if (Object.keys(edit).length === 0) return onCancel();
    setSaving(true);
    try {
      await onSave(edit);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="study-item-editor stack" onSubmit={submit} aria-label={t("bank.editTitle")} data-testid="study-item-editor">
      <label htmlFor={`${id}-q`}>{t(flashcard ? "bank.cardFront" : "bank.question")}</label>
      <textarea id={`${id}-q`} ref={focusOnMount} value={question} onChange={(e) => setQuestion(e.target.value)} rows={2} maxLength={2000} data-testid="study-edit-question" />
      <label htmlFor={`${id}-a`}>{t(flashcard ? "bank.cardBack" : "bank.answer")}</label>
      <textarea id={`${id}-a`} value={answer} onChange={(e) => setAnswer(e.target.value)} rows={2} maxLength={2000} data-testid="study-edit-answer" />
      {choice && (
        <>
          <label htmlFor={`${id}-d`}>{t("bank.distractors")}</label>
          <textarea id={`${id}-d`} value={distractors} onChange={(e) => setDistractors(e.target.value)} rows={3} data-testid="study-edit-distractors" />
        </>
      )}
      <p className="hint">{t("bank.keepsSource")}</p>
      <div className="row">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="study-edit-save">
          {t("bank.save")}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="study-edit-cancel">
          {t("bank.cancel")}
        </button>
      </div>
    </form>
  );
}
