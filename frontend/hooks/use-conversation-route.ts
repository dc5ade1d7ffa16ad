"use client";
/**
 * Keeps the chat and the address bar in step: `/c/<id>` opens that conversation (a reload, a
 * link, the back button), and the chat's own moves (the first answer's new id, picking one in
 * the list, a new conversation) write the address through `window.history`, which Next.js
 * syncs with `usePathname` without remounting the chat.
 */
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { chatHref, conversationIdFrom, writeUrl, type HistoryMode } from "@/lib/chat-url";
import type { UseChat } from "./use-chat";

export interface ConversationRoute {
  /** Show a past conversation and put its address in the history. */
  open: (id: string) => void;
  /** Empty the chat and go to the course's `/`. */
  startNew: (mode?: HistoryMode) => void;
}

/**
 * `course` is the chat's course; `known(course)` says whether a conversation's own course can be
 * shown (a conversation opened under another course's address moves the address to its course).
 */
export function useConversationRoute(chat: UseChat, course: string, known: (course: string) => boolean): ConversationRoute {
  // Null outside the App Router (unit tests): the address is then written but never read.
  const pathname: string | null = usePathname();
  const urlId = pathname === null ? undefined : conversationIdFrom(pathname);
  // The conversation the address and the chat last agreed on (undefined: not read yet).
  const agreed = useRef<string | null | undefined>(undefined);
  // The course a conversation opened from the address was asked in (the course list may load later).
  const [owner, setOwner] = useState<{ id: string; course: string } | null>(null);
  const { load, reset, conversationId } = chat;

  // Address -> chat: the first render, the back and forward buttons, a link to `/`.
  useEffect(() => {
    if (urlId === undefined || urlId === agreed.current) return;
    const first = agreed.current === undefined;
    agreed.current = urlId;
    if (urlId === null) {
      if (!first) reset();
      return;
    }
    void load(urlId).then((stored) => {
      if (stored?.collection) setOwner({ id: stored.id, course: stored.collection });
    });
  }, [urlId, load, reset]);

  // A conversation linked under another course's address: the address moves to its own course
  // (the chat then remounts there), when that course still exists.
  useEffect(() => {
    if (!owner || owner.course === course || agreed.current !== owner.id || !known(owner.course)) return;
    writeUrl(chatHref(owner.id, owner.course), "replace");
  }, [owner, course, known]);

  // Chat -> address: the first answer of a new conversation created its id.
  useEffect(() => {
    if (!conversationId || conversationId === agreed.current) return;
    agreed.current = conversationId;
    writeUrl(chatHref(conversationId, course));
  }, [conversationId, course]);

  const open = useCallback(
    (id: string) => {
      agreed.current = id;
      writeUrl(chatHref(id, course));
      void load(id);
    },
    [load, course],
  );

  const startNew = useCallback(
    (mode: HistoryMode = "push") => {
      agreed.current = null;
      writeUrl(chatHref(null, course), mode);
      reset();
    },
    [reset, course],
  );

  return { open, startNew };
}
