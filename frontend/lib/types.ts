/** Shapes of the backend's JSON, written once and shared by the client, hooks and components. */

import type { components } from "./api-types.gen";

/** The backend's response schemas, generated from its OpenAPI (lib/api-types.gen.ts). */
type Schemas = components["schemas"];
/** `T` with the keys `K` optional: fields an older backend did not send yet. */
type OlderMayOmit<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** Every error code of the backend's catalogue (chatgepeto.errors). */
export type BackendErrorCode = Schemas["ErrorCode"];

export type DocumentStatus = Schemas["DocumentOut"]["status"];

export type Collection = Schemas["CollectionOut"];
/** Who may see a course: turma (only browsers with a pass from a join link) or aberto (anyone). */
export type Visibility = NonNullable<Collection["visibility"]>;
/** PUT /api/collections/<id>/access: visibility and retention in days (null: keep everything). */
export interface CourseAccess {
  visibility: Visibility;
  retention_days: number | null;
}
/** A student link (and its 10-symbol code) into a course, with the browsers that joined by it. */
export type CourseInvitation = Schemas["CourseInvitationOut"];
/** The course a join code opens. */
export type JoinedCourse = Schemas["JoinOut"];
/** Who is signed in (teacher null: nobody), the CSRF token of the session, the OIDC button. */
export type SessionInfo = Schemas["SessionOut"];
export type Teacher = Schemas["TeacherOut"];

/**
 * A document with its indexing state; `duplicate` only on an upload's answer. `error_code` is the
 * failure's machine code (`needs_ocr`, `empty_document`...); `suspect_pages` are 1-based pages whose
 * text layer looks corrupted (glued words, broken accents).
 */
export type DocumentInfo = OlderMayOmit<
  Schemas["DocumentOut"],
  "error_code" | "progress" | "suspect_pages" | "updated_at"
> & { duplicate?: boolean };

export type Citation = Schemas["CitationOut"];

export type AnswerMode = Schemas["ChatAnswer"]["mode"];

/** `grounded` is false for a generated answer without one valid citation; older backends omit it. */
export type ChatAnswer = OlderMayOmit<Schemas["ChatAnswer"], "grounded">;

export type ChatRequest = Schemas["ChatBody"];

/** How a course answers (issue 19): direto (cited answer), tutor (hints first), prova (places only). */
export type TutorMode = NonNullable<Collection["tutor_mode"]>;
/** What the student asks of the tutor: a new question, a hint, their own answer, the answer. */
export type ChatAction = NonNullable<ChatRequest["action"]>;
/** The tutor's side of an answer in tutor or prova: the rung reached, where to read, what next. */
export type TutorState = Schemas["TutorStateOut"];
/** Where to read (document, page, section), without the passage's text. */
export type TutorLocation = Schemas["LocationOut"];
/** The teacher's setting: the mode and an optional prova window (Brasília time when no offset). */
export type TutorModeRequest = Schemas["TutorModeBody"];

export type Chunk = OlderMayOmit<Schemas["ChunkOut"], "collection">;

/** `collection` is the course it was asked in, when the backend says. */
export type ConversationSummary = OlderMayOmit<Schemas["ConversationSummary"], "collection">;

/** As in `ChatAnswer`, `grounded` may be absent from an older backend's messages. */
export type StoredMessage = OlderMayOmit<Schemas["MessageOut"], "grounded">;

/** `collection`, the course it was asked in, may be absent (older backends, tests' fixtures). */
export type Conversation = Pick<Schemas["ConversationOut"], "id" | "title"> &
  Partial<Pick<Schemas["ConversationOut"], "collection">> & {
    messages: StoredMessage[];
  };

export type Rating = Schemas["FeedbackBody"]["rating"];

export type Insights = Schemas["InsightsOut"];

/** A cited passage in its page (GET /api/chunks/<id>/source), what the source panel shows. */
export type SourcePage = Schemas["SourceOut"];
export type SourceHeading = Schemas["SourceHeadingOut"];
export type SourceSpan = Schemas["SourceSpanOut"];

/** Study tools (issue 18): the question bank as the teacher reviews it. */
export type StudyItem = Schemas["StudyItemOut"];
export type StudyKind = StudyItem["kind"];
export type StudyStatus = StudyItem["status"];
/** Where an item comes from: document, page (null without pages), chunk and passage. */
export type StudySource = Schemas["StudySourceOut"];
/** A teacher's edit (the source stays) or verdict. */
export type StudyItemEdit = Schemas["StudyItemEdit"];
/** What to generate from: the course, a document, or a page range of one. */
export type StudyGenerateRequest = Schemas["GenerateBody"];
export type StudyStats = Schemas["StudyStatsOut"];
export type StudyItemStats = Schemas["StudyItemStatsOut"];
export type MissedPage = Schemas["MissedPageOut"];
/** A student's side: the cards due now, one card, a quiz verdict, a card's next date. */
export type StudyDue = Schemas["StudyDueOut"];
export type StudentItem = Schemas["StudentItemOut"];
export type QuizVerdict = Schemas["QuizVerdictOut"];
export type StudyCard = Schemas["StudyCardOut"];
export type StudyExportFormat = "apkg" | "moodle" | "csv";

/** A generation job (202 from generate, GET /api/study/jobs/<id>), polled until done or failed. */
export type StudyJob = Schemas["StudyJobOut"];
