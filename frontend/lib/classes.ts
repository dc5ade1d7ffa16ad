/** Classes (issue 16): pure helpers for join codes, links and their failures. */
import type { ApiError } from "./api-client";
import type { MessageKey } from "./i18n";
import type { CourseInvitation } from "./types";

export const JOIN_PATH = "/entrar/turma";

/** What a student typed or pasted: a bare code, or a whole join link (its last segment). */
export function codeFromInput(typed: string): string {
  const text = typed.trim();
  const marker = `${JOIN_PATH}/`;
  const at = text.indexOf(marker);
  const code = at >= 0 ? text.slice(at + marker.length) : text;
  return code.split(/[?#/]/)[0]?.trim() ?? "";
}

/** The join page of a code. */
export function joinHref(code: string): string {
  return `${JOIN_PATH}/${encodeURIComponent(code)}`;
}

/** The link a teacher hands out: this site's address plus the invitation's path. */
export function invitationUrl(invitation: Pick<CourseInvitation, "path">, origin: string): string {
  return origin.replace(/\/$/, "") + invitation.path;
}

export type JoinFailure = "expired" | "revoked" | "unknown" | "busy" | "other";

/** Why a join link does not open: the backend's 404/410 codes (the course is never named). */
export function joinFailure(error: Pick<ApiError, "status" | "code">): JoinFailure {
  if (error.code === "gone:invitation_expired") return "expired";
  if (error.code === "gone:invitation_revoked") return "revoked";
  if (error.code === "not_found:invitation" || error.status === 404) return "unknown";
  if (error.status === 429) return "busy";
  return "other";
}

/** The title and the sentence of each failure's page. */
export const JOIN_FAILURE_TEXT: Record<Exclude<JoinFailure, "other">, { title: MessageKey; body: MessageKey }> = {
  expired: { title: "join.expiredTitle", body: "join.expiredBody" },
  revoked: { title: "join.revokedTitle", body: "join.revokedBody" },
  unknown: { title: "join.unknownTitle", body: "join.unknownBody" },
  busy: { title: "join.busyTitle", body: "join.busyBody" },
};

/** A number field's value as whole days: blank is null (no limit); anything else must be 1..max. */
export function daysFrom(typed: string, max: number): number | null | "invalid" {
  const text = typed.trim();
  if (!text) return null;
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= max ? days : "invalid";
}

/** An invitation still lets students in: not revoked, not past its expiry. */
export function isActive(invitation: Pick<CourseInvitation, "revoked_at" | "expires_at">, now = Date.now()): boolean {
  if (invitation.revoked_at) return false;
  return !invitation.expires_at || Date.parse(invitation.expires_at) > now;
}
