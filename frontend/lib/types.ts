/** Shapes of the backend's JSON, written once and shared by the client, hooks and components. */

export type DocumentStatus = "queued" | "processing" | "ready" | "failed";

export interface Collection {
  id: string;
  name: string;
  documents: number;
}

export interface DocumentInfo {
  id: string;
  title: string;
  filename: string;
  collection: string;
  status: DocumentStatus;
  error: string | null;
  /** Machine code of the failure (`needs_ocr`, `empty_document`...), when the backend sends one. */
  error_code?: string | null;
  pages: number | null;
  chunks: number;
  content_type: string;
  size_bytes: number;
  created_at: string;
  progress?: number;
  duplicate?: boolean;
  /** 1-based pages whose text layer looks corrupted (glued words, broken accents); older backends omit it. */
  suspect_pages?: number[];
}

export interface Citation {
  document_id: string;
  title: string;
  page: number | null;
  snippet: string;
  chunk_id: string;
}

export type AnswerMode = "llm" | "extractive" | "refused";

export interface ChatAnswer {
  answer: string;
  citations: Citation[];
  conversation_id: string;
  message_id: string;
  mode: AnswerMode;
  /** False for a generated answer without one valid citation; older backends omit it (grounded). */
  grounded?: boolean;
}

export interface ChatRequest {
  message: string;
  conversation_id?: string;
  collection?: string;
}

export interface Chunk {
  id: string;
  document_id: string;
  title: string;
  page: number | null;
  heading_path: string[];
  text: string;
}

export interface ConversationSummary {
  id: string;
  title: string;
  /** The course it was asked in, when the backend says. */
  collection?: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  citations: Citation[];
  mode: AnswerMode | null;
  /** As in `ChatAnswer`; older backends omit it (grounded). */
  grounded?: boolean;
  created_at: string;
}

export interface Conversation {
  id: string;
  title: string;
  messages: StoredMessage[];
}

export type Rating = "up" | "down";

export interface Insights {
  refused: { question: string; count: number; last_at: string }[];
  thumbs_down: { question: string; answer: string; comment: string | null; at: string }[];
  top_documents: { document_id: string; title: string; citations: number }[];
}
