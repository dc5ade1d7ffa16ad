"use client";
/** Owns the conversation's messages: sends a question, streams the answer, stops, loads history. */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { AnswerMode, ChatAction, ChatAnswer, Citation, Conversation, StoredMessage, TutorMode, TutorState } from "@/lib/types";

export type MessageState = "streaming" | "done" | "stopped" | "error";

export interface ChatMessage {
  /** Local key, stable across the stream (the server id only arrives with `done`). */
  key: string;
  role: "user" | "assistant";
  content: string;
  citations: Citation[];
  mode: AnswerMode | null;
  /** False when the backend says a generated answer has no valid citation (older backends: true). */
  grounded: boolean;
  messageId: string | null;
  state: MessageState;
  error: { code: string; message: string } | null;
  /** For an assistant message: the question it answers (used by "try again"). */
  question: string;
  /** What the student asked for (issue 19): a new question, a hint, their own answer, the answer. */
  action: ChatAction;
  /** The tutor's side of an answer in tutor or prova mode (none in direto, none in history). */
  tutor: TutorState | null;
  /** The mode this answer came in; null until it is done, and for stored messages. */
  tutorMode: TutorMode | null;
}

export type ChatStatus = "idle" | "streaming" | "loading";

export interface UseChatOptions {
  collection?: string;
  /** Called after every complete answer (the conversation list refreshes then). */
  onAnswered?: (answer: ChatAnswer) => void;
}

let counter = 0;
const nextKey = () => `m${++counter}`;

function fromStored(message: StoredMessage, question: string): ChatMessage {
  return {
    key: nextKey(),
    role: message.role,
    content: message.content,
    citations: message.citations ?? [],
    mode: message.mode ?? null,
    grounded: message.grounded !== false,
    messageId: message.id,
    state: "done",
    error: null,
    question,
    action: "ask",
    tutor: null,
    tutorMode: null,
  };
}

function blank(role: ChatMessage["role"], content: string, question: string, action: ChatAction): ChatMessage {
  const state = role === "user" ? "done" : "streaming";
  return {
    key: nextKey(), role, content, citations: [], mode: null, grounded: true, messageId: null, state, error: null, question, action,
    tutor: null, tutorMode: null,
  };
}

/** The chat's state machine; components render `messages` and call the verbs. */
export function useChat({ collection, onAnswered }: UseChatOptions = {}) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [status, setStatus] = useState<ChatStatus>("idle");
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const controller = useRef<AbortController | null>(null);
  const conversation = useRef<string | null>(null);
  // Each load or reset takes a ticket; a load that finishes after a newer one is dropped.
  const ticket = useRef(0);
  const answered = useRef(onAnswered);

  useEffect(() => {
    answered.current = onAnswered;
  }, [onAnswered]);

  const patch = (key: string, change: (message: ChatMessage) => Partial<ChatMessage>) =>
    setMessages((all) => all.map((m) => (m.key === key ? { ...m, ...change(m) } : m)));

  const setConversation = (id: string | null) => {
    conversation.current = id;
    setConversationId(id);
  };

  const send = useCallback(
    async (text: string, action: ChatAction = "ask") => {
      const question = text.trim();
      if (!question || controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      const user = blank("user", question, question, action);
      const bot = blank("assistant", "", question, action);
      setMessages((all) => [...all, user, bot]);
      setStatus("streaming");
      // "ask" is the backend's default: left out, so the request is what it was before issue 19.
      const request = {
        message: question,
        collection,
        conversation_id: conversation.current ?? undefined,
        ...(action !== "ask" && { action }),
      };
      try {
        for await (const event of api.streamChat(request, abort.signal)) {
          if (event.type === "token") {
            patch(bot.key, (m) => ({ content: m.content + event.text }));
          } else if (event.type === "done") {
            const { answer, citations, mode, message_id, grounded, tutor } = event.answer;
            patch(bot.key, () => ({
              content: answer,
              citations,
              mode,
              grounded: grounded !== false,
              messageId: message_id,
              state: "done",
              tutor: tutor ?? null,
              tutorMode: tutor?.mode ?? "direto",
            }));
            setConversation(event.answer.conversation_id);
            answered.current?.(event.answer);
          } else {
            patch(bot.key, () => ({ state: "error", error: { code: event.code, message: event.error } }));
          }
        }
      } catch (error) {
        if (abort.signal.aborted) {
          patch(bot.key, () => ({ state: "stopped" }));
        } else {
          const failure = asApiError(error);
          patch(bot.key, () => ({ state: "error", error: { code: failure.code, message: failure.message } }));
        }
      } finally {
        controller.current = null;
        setStatus("idle");
      }
    },
    [collection],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  const reset = useCallback(() => {
    ticket.current++;
    controller.current?.abort();
    setMessages([]);
    setLoadError(null);
    setConversation(null);
    setStatus((now) => (now === "loading" ? "idle" : now)); // a load it cancels never finishes
  }, []);

  /** Show a stored conversation; resolves with it, or null when it failed or was superseded. */
  const load = useCallback(async (id: string): Promise<Conversation | null> => {
    const mine = ++ticket.current;
    controller.current?.abort();
    setStatus("loading");
    try {
      const stored = await api.getConversation(id);
      if (mine !== ticket.current) return null;
      let question = "";
      setMessages(
        stored.messages.map((message) => {
          if (message.role === "user") question = message.content;
          return fromStored(message, question);
        }),
      );
      setConversation(stored.id);
      setLoadError(null);
      return stored;
    } catch (error) {
      if (mine !== ticket.current) return null;
      // The address names this conversation now: what was shown before is not it.
      setMessages([]);
      setConversation(null);
      setLoadError(asApiError(error));
      return null;
    } finally {
      if (mine === ticket.current) setStatus("idle");
    }
  }, []);

  return { messages, status, conversationId, loadError, send, stop, reset, load };
}

export type UseChat = ReturnType<typeof useChat>;
