/**
 * A page's extracted text (DOCX, PPTX, HTML, Markdown, text) cut into the blocks the source
 * viewer renders: headings and paragraphs, each in segments marked when they fall inside
 * the cited passage's [start, end). Rendered as React text, never as HTML.
 */
import type { SourceHeading, SourceSpan } from "./types";

export interface TextSegment {
  text: string;
  marked: boolean;
}

export interface TextBlock {
  /** Offset of the block in the page's text (a stable React key). */
  start: number;
  /** 0 for a paragraph, else the heading's outline level (1 = top). */
  level: number;
  segments: TextSegment[];
}

const SEPARATOR = /\n{2,}/g;

function segments(text: string, start: number, span: SourceSpan | null): TextSegment[] {
  const end = start + text.length;
  if (!span || span.end <= start || span.start >= end) return [{ text, marked: false }];
  const from = Math.max(span.start, start) - start;
  const to = Math.min(span.end, end) - start;
  return [
    { text: text.slice(0, from), marked: false },
    { text: text.slice(from, to), marked: true },
    { text: text.slice(to), marked: false },
  ].filter((segment) => segment.text.length > 0);
}

/** The blocks of `text` (split at blank lines), headings by their recorded spans. */
export function textBlocks(text: string, headings: readonly SourceHeading[], span: SourceSpan | null): TextBlock[] {
  const levels = new Map(headings.map((h) => [h.start, h.level]));
  const blocks: TextBlock[] = [];
  let at = 0;
  const push = (end: number) => {
    const raw = text.slice(at, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) blocks.push({ start: at + lead, level: levels.get(at + lead) ?? 0, segments: segments(body, at + lead, span) });
  };
  for (const match of text.matchAll(SEPARATOR)) {
    push(match.index);
    at = match.index + match[0].length;
  }
  push(text.length);
  return blocks;
}
