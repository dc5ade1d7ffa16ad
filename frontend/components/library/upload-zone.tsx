"use client";
/** Drop files here or pick them; several at once. */
import { useId, useState, type DragEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";

const ACCEPT = ".pdf,.docx,.pptx,.md,.markdown,.html,.htm,.txt,application/pdf,text/plain,text/markdown,text/html";

export interface UploadZoneProps {
  onFiles: (files: File[]) => void;
}

export function UploadZone({ onFiles }: UploadZoneProps) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const hintId = useId();

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!Array.from(event.dataTransfer.types).includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div
      className={dragging ? "dropzone is-dragging" : "dropzone"}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="dropzone"
    >
      <input
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT}
        className="file-input"
        aria-describedby={hintId}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
        data-testid="upload-input"
      />
      <p className="dropzone-text">
        <span aria-hidden="true" className="dropzone-icon">⇪</span> {t("library.drop")}{" "}
        <label htmlFor={inputId} className="link-button" data-testid="upload-pick">
          {t("library.pick")}
        </label>
      </p>
      <p id={hintId} className="hint">
        {t("library.types")}
      </p>
    </div>
  );
}
