"use client";
/** A document's extracted text (DOCX, PPTX, HTML, Markdown, text) with the cited passage marked. */
import { Fragment, useEffect, useMemo, useRef } from "react";
import { useI18n } from "@/hooks/use-i18n";
import { textBlocks } from "@/lib/source-text";
import type { SourcePage } from "@/lib/types";

export function SourceTextView({ source }: { source: SourcePage }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const blocks = useMemo(() => textBlocks(source.text, source.headings, source.passage), [source]);

  useEffect(() => {
    box.current?.querySelector("mark")?.scrollIntoView?.({ block: "center" });
  }, [blocks]);

  const firstMarked = blocks.findIndex((block) => block.segments.some((segment) => segment.marked));
  return (
    <div className="source-text" ref={box} data-testid="source-text" data-matched={source.passage ? "true" : "false"}>
      {blocks.map((block, blockIndex) => {
        const content = block.segments.map((segment, index) => {
          if (!segment.marked) return segment.text;
          return (
            <Fragment key={index}>
              {blockIndex === firstMarked && <span className="sr-only">{t("source.passageStart")} </span>}
              <mark className="source-highlight" data-testid="source-highlight">
                {segment.text}
              </mark>
            </Fragment>
          );
        });
        if (block.level === 0) return <p key={block.start}>{content}</p>;
        const Heading = block.level === 1 ? "h3" : block.level === 2 ? "h4" : "h5";
        return (
          <Heading key={block.start} className="source-text-heading">
            {content}
          </Heading>
        );
      })}
      {!source.passage && (
        <div className="source-fallback" data-testid="source-not-found">
          <p className="muted">{t("source.notFound")}</p>
          <blockquote className="passage-text">{source.passage_text}</blockquote>
        </div>
      )}
    </div>
  );
}
