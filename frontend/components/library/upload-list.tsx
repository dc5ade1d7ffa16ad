"use client";
/** Uploads in flight (with progress) and the ones that need attention (refused, duplicate). */
import { useI18n } from "@/hooks/use-i18n";
import type { UploadItem } from "@/hooks/use-uploads";
import { describeError } from "@/lib/errors";
import { formatBytes, formatPercent } from "@/lib/format";

export interface UploadListProps {
  items: UploadItem[];
  onDismiss: (key: string) => void;
}

export function UploadList({ items, onDismiss }: UploadListProps) {
  const { t, locale } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={t("library.uploading")}>
      {items.map((item) => (
        <li key={item.key} className={`upload-item upload-${item.state}`} data-testid="upload-item" data-state={item.state}>
          <div className="upload-head">
            <span className="upload-name">{item.name}</span>
            <span className="muted">{formatBytes(item.size, locale)}</span>
          </div>
          {item.state === "uploading" && (
            <div className="upload-progress">
              <progress
                max={1}
                value={item.progress}
                aria-label={`${t("library.uploading")} ${item.name}`}
                data-testid="upload-progress"
              />
              <span aria-hidden="true">{formatPercent(item.progress, locale)}</span>
            </div>
          )}
          {item.state === "duplicate" && <p className="muted">{t("library.uploadDuplicate")}</p>}
          {item.state === "error" && item.error && (
            <p className="form-error" role="alert" data-testid="upload-error">
              {describeError(item.error.code, locale, item.error.message)}
            </p>
          )}
          {item.state !== "uploading" && (
            <button type="button" className="button button-quiet" onClick={() => onDismiss(item.key)} data-testid="upload-dismiss">
              {t("library.dismiss")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
