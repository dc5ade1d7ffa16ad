"use client";
/**
 * Own the teacher's session: GET /api/auth/session on load (the API client keeps its CSRF token
 * in memory for the writes), sign in, accept an invitation link, sign out.
 */
import { useCallback, useMemo } from "react";
import { api, ApiError } from "@/lib/api-client";
import { CLIENT_CODES } from "@/lib/errors";
import type { SessionInfo, Teacher } from "@/lib/types";
import type { SessionValue } from "./use-session";
import { useRemote } from "./use-remote";

function signedIn(session: SessionInfo): Teacher {
  if (!session.teacher) throw new ApiError(200, CLIENT_CODES.badResponse, "signed in without a teacher");
  return session.teacher;
}

export function useSessionState(): SessionValue {
  const { data: session, error: loadError, loading, refresh, setData } = useRemote(api.getSession);

  // A sign-in (password, or an invitation link's new password) answers the new session.
  const adopt = useCallback(
    async (answer: Promise<SessionInfo>) => {
      const next = await answer;
      setData(() => next);
      return signedIn(next);
    },
    [setData],
  );
  const signIn = useCallback((email: string, password: string) => adopt(api.signIn(email, password)), [adopt]);
  const accept = useCallback((token: string, password: string) => adopt(api.acceptInvitation(token, password)), [adopt]);

  const signOut = useCallback(async () => {
    const next = await api.signOut();
    setData(() => next);
  }, [setData]);

  return useMemo(
    () => ({ session, teacher: session?.teacher ?? null, loading, loadError, signIn, accept, signOut, refresh }),
    [session, loading, loadError, signIn, accept, signOut, refresh],
  );
}
