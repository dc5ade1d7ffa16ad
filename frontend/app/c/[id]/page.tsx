import { ChatPage } from "@/components/chat/chat-page";

// A conversation's address: the chat reads the id from the path itself (usePathname), so the
// same component serves `/` and `/c/<id>` and keeps its state when a new answer adds the id.
export default function ConversationPage() {
  return <ChatPage />;
}
