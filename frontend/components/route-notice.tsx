"use client";
/**
 * A page-sized message with its way out: the page not found, an error, a conversation this
 * browser cannot open. Its heading takes focus when it appears, so a screen reader reads it.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";

export interface RouteNoticeProps {
  title: string;
  children: ReactNode;
  /** Buttons and links: retry, go home, start a new conversation. */
  actions: ReactNode;
  testId: string;
  /** An error (role="alert"); other notices are plain regions. */
  alert?: boolean;
}

export function RouteNotice({ title, children, actions, testId, alert = false }: RouteNoticeProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="route-notice" role={alert ? "alert" : "region"} aria-labelledby={headingId} data-testid={testId}>
      <h1 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <div className="route-notice-body">{children}</div>
      <div className="route-notice-actions">{actions}</div>
    </section>
  );
}
