"use client";
/** A course's student links (owner only): list, create with an optional expiry, revoke. */
import { useCallback } from "react";
import { api, type ApiError } from "@/lib/api-client";
import type { CourseInvitation } from "@/lib/types";
import { useAction } from "./use-action";
import { useRemote } from "./use-remote";

export interface InvitationsValue {
  invitations: CourseInvitation[] | null;
  error: ApiError | null;
  /** Resolves to the new link, or null when refused (the failure is in `error`). */
  create: (expiresInDays: number | null) => Promise<CourseInvitation | null>;
  /** Resolves true once revoked. */
  revoke: (invitationId: string) => Promise<boolean>;
  refresh: () => Promise<void>;
}

export function useInvitations(courseId: string): InvitationsValue {
  const load = useCallback(() => api.listInvitations(courseId), [courseId]);
  const { data: invitations, error: loadError, refresh } = useRemote(load);
  const { error: actionError, run } = useAction(refresh);

  const create = useCallback(
    (expiresInDays: number | null) => run(() => api.createInvitation(courseId, expiresInDays)),
    [courseId, run],
  );
  const revoke = useCallback(
    async (invitationId: string) => (await run(() => api.revokeInvitation(invitationId).then(() => true))) ?? false,
    [run],
  );

  return { invitations, error: actionError ?? loadError, create, revoke, refresh };
}
