"use client";
/** A course's student links: create one (optional expiry), then copy, project or revoke each. */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { useInvitations } from "@/hooks/use-invitations";
import { daysFrom } from "@/lib/classes";
import { describeError } from "@/lib/errors";
import { FormError } from "../form-error";
import { InvitationRow } from "./invitation-row";
import { TextField } from "./text-field";

export const MAX_EXPIRY_DAYS = 365;

export function InvitationPanel({ courseId, courseName }: { courseId: string; courseName: string }) {
  const { t, locale } = useI18n();
  const links = useInvitations(courseId);
  const [days, setDays] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const expiry = daysFrom(days, MAX_EXPIRY_DAYS);
    if (expiry === "invalid") return setProblem(t("classes.expiryInvalid", { max: MAX_EXPIRY_DAYS }));
    setProblem(null);
    if (await links.create(expiry)) setDays("");
  };

  const failure = problem ?? (links.error && describeError(links.error.code, locale, links.error.message));
  return (
    <section className="invitations" aria-labelledby={`${id}-title`} data-testid="invitations">
      <h3 id={`${id}-title`}>{t("classes.links")}</h3>
      <p className="muted">{t("classes.linksIntro")}</p>
      <form className="row" onSubmit={onCreate} noValidate data-testid="invitation-form">
        <TextField
          label={t("classes.expiryDays")}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_EXPIRY_DAYS}
          placeholder={t("classes.expiryPlaceholder")}
          value={days}
          onValue={setDays}
          className="days-input"
          testId="invitation-days"
        />
        <button type="submit" className="button button-primary" data-testid="invitation-create">
          {t("classes.createLink")}
        </button>
      </form>
      <FormError testId="invitation-error">{failure}</FormError>
      {links.invitations?.length === 0 && (
        <p className="muted" data-testid="invitations-empty">
          {t("classes.noLinks")}
        </p>
      )}
      <ul className="invitation-list">
        {links.invitations?.map((invitation) => (
          <InvitationRow
            key={invitation.id}
            invitation={invitation}
            courseName={courseName}
            onRevoke={() => void links.revoke(invitation.id)}
          />
        ))}
      </ul>
    </section>
  );
}
