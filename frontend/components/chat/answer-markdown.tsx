"use client";
/**
 * Renders an answer's Markdown safely: react-markdown without rehype-raw, so raw HTML from the
 * model or the documents shows as text, never as DOM; images become their alt text; `[n]`
 * markers become links to the n-th citation; other links open only when `links` allows them
 * (the product's own origin, a cited document), else they show as plain text.
 */
import { memo, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import { allowedHref, type LinkPolicy } from "@/lib/answer-links";
import { citationIndex, remarkCitationMarkers } from "@/lib/citation-markers";
import { useI18n } from "@/hooks/use-i18n";

export interface AnswerMarkdownProps {
  text: string;
  citationCount: number;
  /** The element id of the n-th citation chip, for the marker's href. */
  anchorFor: (n: number) => string;
  onCite: (n: number) => void;
  /** Which of the answer's own links may open. */
  links: LinkPolicy;
}

function AnswerMarkdownImpl({ text, citationCount, anchorFor, onCite, links }: AnswerMarkdownProps) {
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
      const allowed = allowedHref(href, links);
      if (allowed === null) {
        return (
          <span className="answer-link-blocked" data-testid="answer-link-blocked">
            {children}
          </span>
        );
      }
      return (
        <a href={allowed} target="_blank" rel="noopener noreferrer nofollow" data-testid="answer-link">
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
