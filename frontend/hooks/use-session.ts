"use client";
/** The signed-in teacher (issue 16): the session cookie's owner, read once per page load. */
import { createContext, useContext } from "react";
import type { ApiError } from "@/lib/api-client";
import type { SessionInfo, Teacher } from "@/lib/types";

export interface SessionValue {
  /** Null until GET /api/auth/session answered. */
  session: SessionInfo | null;
  /** The signed-in teacher, or null (signed out, or not known yet). */
  teacher: Teacher | null;
  /** True until the first answer (or failure). */
  loading: boolean;
  loadError: ApiError | null;
  signIn: (email: string, password: string) => Promise<Teacher>;
  /** Set the password of an invitation or reset link; signs in. */
  accept: (token: string, password: string) => Promise<Teacher>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const signedOut = () => Promise.reject(new Error("no session provider"));

export const SessionContext = createContext<SessionValue>({
  session: null,
  teacher: null,
  loading: false,
  loadError: null,
  signIn: signedOut,
  accept: signedOut,
  signOut: () => Promise.resolve(),
  refresh: () => Promise.resolve(),
});

/** Read the session context. */
export function useSession(): SessionValue {
  return useContext(SessionContext);
}
