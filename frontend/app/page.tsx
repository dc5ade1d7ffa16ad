import { ChatPage } from "@/components/chat/chat-page";

export default function Home() {
  return <ChatPage />;
}
