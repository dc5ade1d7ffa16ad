/** The source panel's wire shapes: GET /api/chunks/<id>/source (the backend's SourceOut). */

/** A heading line of a source page: [start, end) in its text and its outline level (1 = top). */
export interface SourceHeading {
  start: number;
  end: number;
  level: number;
}

/** Where a cited passage is in its page's text: [start, end) in code points. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** GET /api/chunks/<id>/source: a cited passage inside its page (the backend's SourceOut). */
export interface SourcePage {
  chunk_id: string;
  document_id: string;
  title: string;
  filename: string;
  content_type: string;
  kind: "pdf" | "slides" | "text";
  page: number | null;
  page_count: number | null;
  heading_path: string[];
  text: string;
  headings: SourceHeading[];
  passage: SourceSpan | null;
  passage_text: string;
  /** False when the page was rebuilt from its passages (indexed before page texts). */
  stored: boolean;
  file_url: string;
}
