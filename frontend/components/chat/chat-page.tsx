"use client";
/** The chat screen, remounted per course so a conversation never mixes two courses. */
import { lazy, Suspense, useCallback, useState } from "react";
import { useChat } from "@/hooks/use-chat";
import { useConversations } from "@/hooks/use-conversations";
import { useCourses } from "@/hooks/use-courses";
import { useFeedback } from "@/hooks/use-feedback";
import { useI18n } from "@/hooks/use-i18n";
import { useSource } from "@/hooks/use-source";
import { courseName } from "@/lib/course-name";
import { describeError } from "@/lib/errors";
import { Composer } from "./composer";
import { ConversationList } from "./conversation-list";
import { MessageList } from "./message-list";

// The source panel (and, inside it, PDF.js) loads with the first citation opened, not with the chat.
const SourcePanel = lazy(() => import("./source-panel").then((m) => ({ default: m.SourcePanel })));

export function ChatPage() {
  const { selected } = useCourses();
  return <ChatView key={selected} collection={selected} />;
}

function ChatView({ collection }: { collection: string }) {
  const { t, locale } = useI18n();
  const { current, refresh: refreshCourses } = useCourses();
  const conversations = useConversations();
  const refreshConversations = conversations.refresh;
  const onAnswered = useCallback(() => void refreshConversations(), [refreshConversations]);
  const chat = useChat({ collection, onAnswered });
  const feedback = useFeedback();
  const source = useSource();
  const [listOpen, setListOpen] = useState(false);
  const name = courseName(current, collection, t);
  const empty = current && current.documents === 0 ? t("chat.emptyNoDocs", { course: name }) : t("chat.empty", { course: name });
  const last = chat.messages[chat.messages.length - 1];

  return (
    <div className={source.state ? "chat-layout has-source" : "chat-layout"}>
      <ConversationList
        conversations={conversations.conversations?.filter((c) => !c.collection || c.collection === collection) ?? null}
        activeId={chat.conversationId}
        open={listOpen}
        onToggle={() => setListOpen((open) => !open)}
        onNew={() => {
          chat.reset();
          setListOpen(false);
          void refreshCourses();
        }}
        onSelect={(id) => {
          void chat.load(id);
          setListOpen(false);
        }}
        onDelete={(id) => {
          if (id === chat.conversationId) chat.reset();
          void conversations.remove(id);
        }}
      />
      <section className="chat-main" aria-label={t("chat.title")}>
        {chat.loadError && (
          <p className="form-error" role="alert">
            {describeError(chat.loadError.code, locale, chat.loadError.message)}
          </p>
        )}
        <MessageList
          messages={chat.messages}
          feedback={feedback.entries}
          busy={chat.status === "streaming"}
          empty={empty}
          onCite={source.open}
          onRate={feedback.rate}
          onRetry={chat.send}
        />
        <p className="sr-only" role="status">
          {last?.role === "assistant" && last.state === "done" ? t("chat.answerReady") : ""}
        </p>
        <Composer streaming={chat.status === "streaming"} disabled={chat.status === "loading"} onSend={chat.send} onStop={chat.stop} />
      </section>
      {source.state && (
        <Suspense fallback={null}>
          <SourcePanel state={source.state} onMove={source.move} onClose={source.close} />
        </Suspense>
      )}
    </div>
  );
}
