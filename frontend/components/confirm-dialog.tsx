"use client";
/** Ask "are you sure?" before something that cannot be undone. */
import { useI18n } from "@/hooks/use-i18n";
import { Modal } from "./modal";

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Modal title={title} onClose={onCancel} testId="confirm-dialog">
      <p>{message}</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel} data-testid="confirm-cancel" data-autofocus>
          {t("common.cancel")}
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} data-testid="confirm-accept">
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
