/**
 * The only module that talks to the backend. Every failure becomes one `ApiError` carrying the
 * backend's machine code (or a client code such as `network`), so callers branch on codes.
 */
import { CLIENT_CODES, codeForStatus } from "./errors";
import { readSse, toChatEvent, type ChatStreamEvent } from "./sse";
import { readTeacherToken } from "./teacher-token";
import type {
  ChatAnswer,
  ChatRequest,
  Chunk,
  Collection,
  CourseAccess,
  CourseInvitation,
  Conversation,
  ConversationSummary,
  DocumentInfo,
  Insights,
  JoinedCourse,
  Rating,
  QuizVerdict,
  SessionInfo,
  SourcePage,
  StudyCard,
  StudyDue,
  StudyExportFormat,
  StudyGenerateRequest,
  StudyItem,
  StudyItemEdit,
  StudyJob,
  StudyStats,
  StudyStatus,
  TutorModeRequest,
  Visibility,
} from "./types";
import { dispositionFilename, EXPORT_FORMATS } from "./study";

/** A failed call: HTTP status (0 when no response), machine code and the server's message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds the server asked to wait (`Retry-After` of a 429 or 503), else null. */
  readonly retryAfterS: number | null;

  constructor(status: number, code: string, message: string, retryAfterS: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfterS = retryAfterS;
  }

  /** True when a teacher credential would change the outcome. */
  get needsTeacher(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface UploadOptions {
  collection?: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  baseUrl?: string;
  getToken?: () => string | null;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === "AbortError"
    : error instanceof Error && error.name === "AbortError";
}

async function errorFrom(response: Response): Promise<ApiError> {
  let code = codeForStatus(response.status);
  let message = response.statusText;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object") {
      const { error, code: bodyCode } = body as { error?: unknown; code?: unknown };
      if (typeof bodyCode === "string" && bodyCode) code = bodyCode;
      if (typeof error === "string") message = error;
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status alone decides the code.
  }
  const wait = Number(response.headers.get("Retry-After"));
  return new ApiError(response.status, code, message, Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : null);
}

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  let code = codeForStatus(xhr.status);
  let message = xhr.statusText;
  try {
    const body = JSON.parse(xhr.responseText) as { error?: unknown; code?: unknown };
    if (typeof body.code === "string" && body.code) code = body.code;
    if (typeof body.error === "string") message = body.error;
  } catch {
    // Non-JSON error body: keep the status-derived code.
  }
  return new ApiError(xhr.status, code, message);
}

/** Build a client; tests build their own, the app uses `api` below. */
export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? "";
  const getToken = options.getToken ?? (() => null);

  // A signed-in teacher's session token, from the last session answer (sign-in, accept, GET
  // /api/auth/session): held in memory only, sent back on every write the cookie authenticates.
  let csrf: string | null = null;
  const remember = (session: SessionInfo) => {
    csrf = session.csrf_token ?? null;
    return session;
  };

  /** The request's headers; a write (any method but GET/HEAD) carries the CSRF token when signed in. */
  function headers(extra?: Record<string, string>, method = "GET"): Headers {
    const result = new Headers(extra);
    const token = getToken();
    if (token) result.set("Authorization", `Bearer ${token}`);
    if (csrf && method !== "GET" && method !== "HEAD") result.set("X-CSRF-Token", csrf);
    return result;
  }
  const writing = (method: string): RequestInit => ({ method, headers: headers(undefined, method) });

  // A browser without a client id is issued a new one by every response, and the last
  // Set-Cookie wins: parallel first calls (a page's list and a question, say) would each get
  // their own id and what the earlier ones stored would be orphaned. So the first call of
  // this client goes alone and the others wait for its response (its cookie) before leaving.
  let identified: Promise<unknown> | null = null;
  function afterIdentified<T>(call: () => Promise<T>): Promise<T> {
    if (identified) return identified.then(call);
    const first = call();
    identified = first.then(
      () => undefined,
      () => {
        identified = null; // no response, no cookie: the next call goes alone again
      },
    );
    return first;
  }

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await afterIdentified(() => fetch(baseUrl + path, { credentials: "same-origin", ...init }));
    } catch (error) {
      if (isAbort(error)) throw new ApiError(0, CLIENT_CODES.aborted, "aborted");
      throw new ApiError(0, CLIENT_CODES.network, error instanceof Error ? error.message : "");
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await send(path, init);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, CLIENT_CODES.badResponse, "response is not JSON");
    }
  }

  function withBody(method: string, body: unknown): RequestInit {
    return {
      method,
      headers: headers({ "Content-Type": "application/json" }, method),
      body: JSON.stringify(body),
    };
  }

  const query = (collection?: string) =>
    collection ? `?collection=${encodeURIComponent(collection)}` : "";
  const id = encodeURIComponent;

  return {
    health: () => json<{ status: string }>("/api/health"),

    listCollections: async () =>
      (await json<{ collections: Collection[] }>("/api/collections", { headers: headers() }))
        .collections,
    /** A new course (turma unless told aberto); its id is the name's slug plus a random suffix. */
    createCollection: (name: string, visibility?: Visibility) =>
      json<{ id: string; name: string; visibility?: Visibility }>(
        "/api/collections",
        withBody("POST", visibility ? { name, visibility } : { name }),
      ),
    /** Owner: who may see the course and how many days its conversations are kept (null: always). */
    setCourseAccess: (collectionId: string, access: CourseAccess) =>
      json<Collection>(`/api/collections/${id(collectionId)}/access`, withBody("PUT", access)),

    // Teacher accounts (issue 16): the session is an HttpOnly cookie; writes send X-CSRF-Token.
    getSession: async () => remember(await json<SessionInfo>("/api/auth/session", { headers: headers() })),
    signIn: async (email: string, password: string) =>
      remember(await json<SessionInfo>("/api/auth/sign-in", withBody("POST", { email, password }))),
    signOut: async () => remember(await json<SessionInfo>("/api/auth/sign-out", withBody("POST", {}))),
    /** Set the password of an invitation or reset link (`/entrar/senha?token=`), which signs in. */
    acceptInvitation: async (token: string, password: string) =>
      remember(await json<SessionInfo>("/api/auth/accept", withBody("POST", { token, password }))),
    /** Where the browser goes to sign in with the OIDC provider (a navigation, not a fetch). */
    oidcStartUrl: (next = "/meus-cursos") => `${baseUrl}/api/auth/oidc/start?next=${encodeURIComponent(next)}`,

    // Classes: a course's student links, and joining by code (this browser gets a pass).
    listInvitations: async (collectionId: string) =>
      (
        await json<{ invitations: CourseInvitation[] }>(`/api/collections/${id(collectionId)}/invitations`, {
          headers: headers(),
        })
      ).invitations,
    createInvitation: (collectionId: string, expiresInDays: number | null) =>
      json<CourseInvitation>(
        `/api/collections/${id(collectionId)}/invitations`,
        withBody("POST", { expires_in_days: expiresInDays }),
      ),
    /** Revoke a link: the browsers that joined through it lose the course. */
    revokeInvitation: (invitationId: string) => json<void>(`/api/invitations/${id(invitationId)}`, writing("DELETE")),
    previewJoin: async (code: string) =>
      (await json<JoinedCourse>(`/api/join/${id(code)}`, { headers: headers() })).course,
    join: async (code: string) => (await json<JoinedCourse>("/api/join", withBody("POST", { code }))).course,
    renameCollection: (collectionId: string, name: string) =>
      json<unknown>(`/api/collections/${id(collectionId)}`, withBody("PATCH", { name })),
    /** Teacher: how the course answers (direto, tutor, prova) and an optional prova window. */
    setTutorMode: (collectionId: string, body: TutorModeRequest) =>
      json<Collection>(`/api/collections/${id(collectionId)}/tutor-mode`, withBody("PUT", body)),
    deleteCollection: (collectionId: string) =>
      json<void>(`/api/collections/${id(collectionId)}`, writing("DELETE")),

    listDocuments: async (collection?: string) =>
      (
        await json<{ documents: DocumentInfo[] }>(`/api/documents${query(collection)}`, {
          headers: headers(),
        })
      ).documents,
    getDocument: (documentId: string) =>
      json<DocumentInfo>(`/api/documents/${id(documentId)}`, { headers: headers() }),
    renameDocument: (documentId: string, title: string) =>
      json<DocumentInfo>(`/api/documents/${id(documentId)}`, withBody("PATCH", { title })),
    deleteDocument: (documentId: string) =>
      json<void>(`/api/documents/${id(documentId)}`, writing("DELETE")),
    /** Read and index the stored original again: 202 with the document back in "queued"; 409 while it is indexing. */
    reindexDocument: (documentId: string) =>
      json<DocumentInfo>(`/api/documents/${id(documentId)}/reindex`, writing("POST")),
    /** Where the browser opens the original file; `#page=N` makes PDF viewers jump there. */
    documentFileUrl: (documentId: string, page?: number | null) =>
      `${baseUrl}/api/documents/${id(documentId)}/file${page ? `#page=${page}` : ""}`,

    /** Multipart upload through XMLHttpRequest, the one browser API that reports upload progress. */
    uploadDocument(file: File, upload: UploadOptions = {}): Promise<DocumentInfo> {
      return afterIdentified(() => new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const form = new FormData();
        form.append("file", file, file.name);
        if (upload.collection) form.append("collection", upload.collection);
        xhr.open("POST", `${baseUrl}/api/documents`);
        headers(undefined, "POST").forEach((value, name) => xhr.setRequestHeader(name, value));
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) upload.onProgress?.(event.loaded / event.total);
        };
        xhr.onload = () => {
          if (xhr.status < 200 || xhr.status >= 300) return reject(errorFromXhr(xhr));
          try {
            upload.onProgress?.(1);
            resolve(JSON.parse(xhr.responseText) as DocumentInfo);
          } catch {
            reject(new ApiError(xhr.status, CLIENT_CODES.badResponse, "response is not JSON"));
          }
        };
        xhr.onerror = () => reject(new ApiError(0, CLIENT_CODES.network, "upload failed"));
        xhr.onabort = () => reject(new ApiError(0, CLIENT_CODES.aborted, "aborted"));
        upload.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
        xhr.send(form);
      }));
    },

    getChunk: (chunkId: string) => json<Chunk>(`/api/chunks/${id(chunkId)}`, { headers: headers() }),
    /** A cited passage inside its page's text, with its offsets (the source panel). */
    getSource: (chunkId: string) => json<SourcePage>(`/api/chunks/${id(chunkId)}/source`, { headers: headers() }),

    /** Ask a question and yield the stream's events; always ends with one `done` or `error`. */
    async *streamChat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
      const response = await send("/api/chat", {
        ...withBody("POST", request),
        headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }, "POST"),
        signal,
      });
      const type = response.headers.get("Content-Type") ?? "";
      if (!type.includes("text/event-stream") || !response.body) {
        // A backend that answers with plain JSON still gives one complete answer.
        const answer = (await response.json()) as ChatAnswer;
        yield { type: "done", answer };
        return;
      }
      try {
        for await (const raw of readSse(response.body)) {
          const event = toChatEvent(raw);
          if (!event) continue;
          yield event;
          if (event.type !== "token") return;
        }
      } catch (error) {
        if (isAbort(error) || signal?.aborted) throw new ApiError(0, CLIENT_CODES.aborted, "aborted");
        throw new ApiError(0, CLIENT_CODES.network, error instanceof Error ? error.message : "");
      }
      yield { type: "error", error: "stream ended early", code: CLIENT_CODES.badStream };
    },

    listConversations: async () =>
      (
        await json<{ conversations: ConversationSummary[] }>("/api/conversations", {
          headers: headers(),
        })
      ).conversations,
    getConversation: (conversationId: string) =>
      json<Conversation>(`/api/conversations/${id(conversationId)}`, { headers: headers() }),
    deleteConversation: (conversationId: string) =>
      json<void>(`/api/conversations/${id(conversationId)}`, writing("DELETE")),

    sendFeedback: (messageId: string, rating: Rating, comment?: string) =>
      json<unknown>(
        "/api/feedback",
        withBody("POST", comment ? { message_id: messageId, rating, comment } : { message_id: messageId, rating }),
      ),

    getInsights: (collection?: string) =>
      json<Insights>(`/api/insights${query(collection)}`, { headers: headers() }),

    // Study tools (issue 18). Teacher: generate, review, export, statistics.
    /** Start generating drafts: 202 with the queued job, polled with getStudyJob. */
    generateStudy: (collectionId: string, body: StudyGenerateRequest) =>
      json<StudyJob>(`/api/collections/${id(collectionId)}/study/generate`, withBody("POST", body)),
    getStudyJob: (jobId: string) => json<StudyJob>(`/api/study/jobs/${id(jobId)}`, { headers: headers() }),
    listStudyItems: async (collectionId: string, status?: StudyStatus) =>
      (
        await json<{ items: StudyItem[] }>(
          `/api/collections/${id(collectionId)}/study/items${status ? `?status=${status}` : ""}`,
          { headers: headers() },
        )
      ).items,
    /** Edit an item's wording (its source stays) or set its status. */
    editStudyItem: (itemId: string, edit: StudyItemEdit) =>
      json<StudyItem>(`/api/study/items/${id(itemId)}`, withBody("PATCH", edit)),
    approveStudyItems: async (collectionId: string, ids: string[]) =>
      (await json<{ approved: number }>(`/api/collections/${id(collectionId)}/study/approve`, withBody("POST", { ids })))
        .approved,
    /** The approved items as a file (fetched with the teacher credential, saved by the caller). */
    exportStudy: async (collectionId: string, format: StudyExportFormat) => {
      const response = await send(`/api/collections/${id(collectionId)}/study/export?format=${format}`, { headers: headers() });
      const extension = EXPORT_FORMATS.find((f) => f.format === format)?.extension ?? format;
      const filename = dispositionFilename(response.headers.get("Content-Disposition"), `${collectionId}.${extension}`);
      return { blob: await response.blob(), filename };
    },
    getStudyStats: (collectionId: string) =>
      json<StudyStats>(`/api/collections/${id(collectionId)}/study/stats`, { headers: headers() }),

    // Student (the signed client id cookie): practise the approved items.
    getStudyDue: (collectionId: string, limit?: number) =>
      json<StudyDue>(`/api/collections/${id(collectionId)}/study/due${limit ? `?limit=${limit}` : ""}`, { headers: headers() }),
    /** Grade a flashcard 1-4 (Again, Hard, Good, Easy). */
    gradeStudyCard: (itemId: string, grade: number) =>
      json<StudyCard>(`/api/study/items/${id(itemId)}/review`, withBody("POST", { grade })),
    answerStudyItem: (itemId: string, answer: string) =>
      json<QuizVerdict>(`/api/study/items/${id(itemId)}/answer`, withBody("POST", { answer })),
    deleteStudyHistory: () => json<void>("/api/study/history", writing("DELETE")),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client: same-origin (through the Next proxy), teacher token from sessionStorage. */
export const api: ApiClient = createApiClient({ getToken: readTeacherToken });
