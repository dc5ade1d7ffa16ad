"use client";
/**
 * Renders an answer's Markdown safely: react-markdown without rehype-raw, so raw HTML from the
 * model or the documents shows as text, never as DOM; images become their alt text; `[n]`
 * markers become links to the n-th citation.
 */
import { memo, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import { citationIndex, remarkCitationMarkers } from "@/lib/citation-markers";
import { useI18n } from "@/hooks/use-i18n";

export interface AnswerMarkdownProps {
  text: string;
  citationCount: number;
  /** The element id of the n-th citation chip, for the marker's href. */
  anchorFor: (n: number) => string;
  onCite: (n: number) => void;
}

function AnswerMarkdownImpl({ text, citationCount, anchorFor, onCite }: AnswerMarkdownProps) {
  const { t } = useI18n();
  const components: Components = {
    a({ href, children }) {
      const n = citationIndex(href);
      if (n !== null) {
        return (
          <a
            href={`#${anchorFor(n)}`}
            className="citation-marker"
            aria-label={t("chat.markerLabel", { n })}
            data-testid="citation-marker"
            onClick={(event) => {
              event.preventDefault();
              onCite(n);
            }}
          >
            {n}
          </a>
        );
      }
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    },
    img({ alt }): ReactNode {
      return alt ? <span className="image-alt">[{alt}]</span> : null;
    },
  };
  return (
    <div className="markdown">
      <Markdown remarkPlugins={[[remarkCitationMarkers, { count: citationCount }]]} components={components} skipHtml={false}>
        {text}
      </Markdown>
    </div>
  );
}

export const AnswerMarkdown = memo(AnswerMarkdownImpl);
