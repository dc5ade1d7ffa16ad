"use client";
/** Export the approved items: Anki (.apkg), Moodle XML or CSV, fetched with the teacher credential. */
import { useState } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { useTeacherAuth } from "@/hooks/use-teacher-auth";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import { describeError } from "@/lib/errors";
import { EXPORT_FORMATS } from "@/lib/study";
import type { StudyExportFormat } from "@/lib/types";

/** Hand a downloaded file to the browser as if it were a link's. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function StudyExport({ collection }: { collection: string }) {
  const { t, locale } = useI18n();
  const { withTeacher } = useTeacherAuth();
  const [busy, setBusy] = useState<StudyExportFormat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState("");

  const download = async (format: StudyExportFormat) => {
    setBusy(format);
    try {
      const { blob, filename } = await withTeacher(() => api.exportStudy(collection, format));
      save(blob, filename);
      setError(null);
      setSaved(t("bank.exported", { name: filename }));
    } catch (failure) {
      setSaved("");
      setError(asApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="study-export-title">
      <h2 id="study-export-title">{t("bank.export")}</h2>
      <p className="muted">{t("bank.exportIntro")}</p>
      <div className="row">
        {EXPORT_FORMATS.map(({ format }) => (
          <button key={format} type="button" className="button" disabled={busy !== null} onClick={() => void download(format)} data-testid={`study-export-${format}`}>
            {t(`bank.export.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className="muted" data-testid="study-export-status">
        {saved}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="study-export-error">
          {describeError(error.code, locale, error.message)}
        </p>
      )}
    </section>
  );
}
