"use client";
/** One student link: the address and the code to copy, its QR code for the projector, revoke. */
import { useId, useState } from "react";
import { useCopy, type CopyState } from "@/hooks/use-copy";
import { useI18n } from "@/hooks/use-i18n";
import { invitationUrl, isActive } from "@/lib/classes";
import { formatDateTime } from "@/lib/format";
import type { CourseInvitation } from "@/lib/types";
import { ConfirmDialog } from "../confirm-dialog";
import { QrCode } from "./qr-code";

export interface InvitationRowProps {
  invitation: CourseInvitation;
  courseName: string;
  onRevoke: () => void;
}

function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const { t } = useI18n();
  const { state, copy } = useCopy();
  const said: Record<CopyState, string> = { idle: label, copied: t("chat.copied"), failed: t("chat.copyFailed") };
  return (
    <button type="button" className="button" onClick={() => void copy(text)} data-testid={testId} data-state={state}>
      <span aria-live="polite">{said[state]}</span>
    </button>
  );
}

export function InvitationRow({ invitation, courseName, onRevoke }: InvitationRowProps) {
  const { t, locale } = useI18n();
  const [showQr, setShowQr] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const qrId = useId();
  const url = invitationUrl(invitation, typeof window === "undefined" ? "" : window.location.origin);
  const active = isActive(invitation);
  const expiry = invitation.expires_at
    ? t("classes.expires", { date: formatDateTime(invitation.expires_at, locale) })
    : t("classes.noExpiry");

  return (
    <li className="invitation-row" data-testid="invitation-row" data-id={invitation.id} data-active={active}>
      <div className="invitation-main">
        <code className="invitation-code" data-testid="invitation-code">
          {invitation.code}
        </code>
        <a href={invitation.path} className="invitation-url" data-testid="invitation-url">
          {url}
        </a>
        <span className="muted" data-testid="invitation-meta">
          {active ? expiry : invitation.revoked_at ? t("classes.revoked") : t("classes.expired")}
          {" · "}
          <span data-testid="invitation-passes">{t("classes.passes", { count: invitation.passes })}</span>
        </span>
      </div>
      {active && (
        <div className="row invitation-actions">
          <CopyButton text={url} label={t("classes.copyLink")} testId="invitation-copy-link" />
          <CopyButton text={invitation.code} label={t("classes.copyCode")} testId="invitation-copy-code" />
          <button
            type="button"
            className="button"
            aria-expanded={showQr}
            aria-controls={qrId}
            onClick={() => setShowQr((shown) => !shown)}
            data-testid="invitation-qr-toggle"
          >
            {showQr ? t("classes.hideQr") : t("classes.showQr")}
          </button>
          <button type="button" className="button button-quiet button-danger-text" onClick={() => setConfirming(true)} data-testid="invitation-revoke">
            {t("classes.revoke")}
          </button>
        </div>
      )}
      {active && showQr && (
        <figure id={qrId} className="invitation-qr" data-testid="invitation-qr">
          <QrCode text={url} label={t("classes.qrLabel", { course: courseName })} size={280} />
          <figcaption>
            <span className="invitation-qr-code">{invitation.code}</span>
            <span className="muted">{url}</span>
          </figcaption>
        </figure>
      )}
      {confirming && (
        <ConfirmDialog
          title={t("classes.revokeTitle")}
          message={t("classes.revokeConfirm", { code: invitation.code, count: invitation.passes })}
          confirmLabel={t("classes.revoke")}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onRevoke();
          }}
        />
      )}
    </li>
  );
}
