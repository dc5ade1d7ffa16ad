"use client";
/**
 * The chat screen, remounted per course so a conversation never mixes two courses; the open
 * conversation is the address's (`/c/<id>`, see lib/chat-url.ts).
 */
import { lazy, Suspense, useCallback, useState } from "react";
import { useChat } from "@/hooks/use-chat";
import { useConversationRoute } from "@/hooks/use-conversation-route";
import { useConversations } from "@/hooks/use-conversations";
import { useCourseGone } from "@/hooks/use-course-gone";
import { useCourses } from "@/hooks/use-courses";
import { useFeedback } from "@/hooks/use-feedback";
import { useI18n } from "@/hooks/use-i18n";
import { useSource } from "@/hooks/use-source";
import { isUnavailable } from "@/lib/chat-url";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import { canAttempt, modeNow } from "@/lib/tutor";
import { Composer } from "./composer";
import { ConversationList } from "./conversation-list";
import { ConversationUnavailable } from "./conversation-unavailable";
import { MessageList } from "./message-list";
import { TutorBadge } from "./tutor-badge";
import { stepLabel } from "./tutor-steps";
import { CourseGoneNotice } from "../classes/course-gone-notice";

// The source panel (and, inside it, PDF.js) loads with the first citation opened, not with the chat.
const SourcePanel = lazy(() => import("./source-panel").then((m) => ({ default: m.SourcePanel })));

export function ChatPage() {
  const { selected } = useCourses();
  return <ChatView key={selected} collection={selected} />;
}

function ChatView({ collection }: { collection: string }) {
  const { t, locale } = useI18n();
  const { courses, current, refresh: refreshCourses } = useCourses();
  const conversations = useConversations();
  const refreshConversations = conversations.refresh;
  const onAnswered = useCallback(() => void refreshConversations(), [refreshConversations]);
  const chat = useChat({ collection, onAnswered });
  const known = useCallback((id: string) => !!courses?.some((course) => course.id === id), [courses]);
  const route = useConversationRoute(chat, collection, known);
  const unavailable = isUnavailable(chat.loadError);
  // A question to a course this browser lost (its class link revoked): the list reloads without it.
  useCourseGone(chat.messages.at(-1)?.error?.code ?? chat.loadError?.code);
  const feedback = useFeedback();
  const source = useSource();
  const [listOpen, setListOpen] = useState(false);
  const name = courseName(current, collection, t);
  const empty = current && current.documents === 0 ? t("chat.emptyNoDocs", { course: name }) : t("chat.empty", { course: name });
  const last = chat.messages[chat.messages.length - 1];
  const latest = last?.role === "assistant" && last.state === "done" ? last : null;
  // The mode of the newest answer of this visit, else the course's mode now.
  const answeredIn = chat.messages.filter((m) => m.tutorMode !== null).at(-1)?.tutorMode;
  const mode = answeredIn ?? (current ? modeNow(current) : null); // unknown until the courses load
  const step = latest?.tutor ? stepLabel(latest.tutor, t) : "";
  const send = chat.send;
  const onAction = useCallback(
    (action: "hint" | "reveal") => void send(t(action === "hint" ? "tutor.hintRequest" : "tutor.revealRequest"), action),
    [send, t],
  );
  const onAttempt = useCallback((text: string) => void send(text, "attempt"), [send]);

  return (
    <div className={source.state ? "chat-layout has-source" : "chat-layout"}>
      <ConversationList
        conversations={conversations.conversations?.filter((c) => !c.collection || c.collection === collection) ?? null}
        activeId={chat.conversationId}
        open={listOpen}
        onToggle={() => setListOpen((open) => !open)}
        onNew={() => {
          route.startNew();
          setListOpen(false);
          void refreshCourses();
        }}
        onSelect={(id) => {
          route.open(id);
          setListOpen(false);
        }}
        onDelete={(id) => {
          // Its address is gone too: replaced, so the back button does not lead to it.
          if (id === chat.conversationId) route.startNew("replace");
          void conversations.remove(id);
        }}
      />
      <section className="chat-main" aria-label={t("chat.title")}>
        <CourseGoneNotice />
        {mode && <TutorBadge mode={mode} />}
        {chat.loadError && !unavailable && (
          <p className="form-error" role="alert">
            {describeError(chat.loadError.code, locale, chat.loadError.message)}
          </p>
        )}
        {unavailable ? (
          <ConversationUnavailable onNew={() => route.startNew()} />
        ) : (
          <MessageList
            messages={chat.messages}
            feedback={feedback.entries}
            busy={chat.status === "streaming"}
            empty={empty}
            onCite={source.open}
            onRate={feedback.rate}
            onRetry={chat.send}
            onAction={onAction}
          />
        )}
        <p className="sr-only" role="status">
          {latest ? [step, t("chat.answerReady")].filter(Boolean).join(". ") : ""}
        </p>
        {!unavailable && (
          <Composer
            streaming={chat.status === "streaming"}
            disabled={chat.status === "loading"}
            onSend={chat.send}
            onStop={chat.stop}
            onAttempt={canAttempt(latest?.tutor) ? onAttempt : undefined}
          />
        )}
      </section>
      {source.state && (
        <Suspense fallback={null}>
          <SourcePanel state={source.state} onMove={source.move} onClose={source.close} />
        </Suspense>
      )}
    </div>
  );
}
