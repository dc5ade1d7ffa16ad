"use client";
/**
 * A study page with the chat's source panel beside it (a sheet on phones): `children` get
 * `openSource`, which opens an item's cited page there. The panel loads with the first page opened.
 */
import { lazy, Suspense, useCallback, type ReactNode } from "react";
import { useSource } from "@/hooks/use-source";
import { sourceCitation } from "@/lib/study";
import type { StudySource } from "@/lib/types";

const SourcePanel = lazy(() => import("../chat/source-panel").then((m) => ({ default: m.SourcePanel })));

export function StudyLayout({ children }: { children: (openSource: (source: StudySource) => void) => ReactNode }) {
  const source = useSource();
  const open = source.open;
  const openSource = useCallback((item: StudySource) => void open(sourceCitation(item)), [open]);
  return (
    <div className={source.state ? "study-layout has-source" : "study-layout"}>
      <div className="page">{children(openSource)}</div>
      {source.state && (
        <Suspense fallback={null}>
          <SourcePanel state={source.state} onMove={source.move} onClose={source.close} />
        </Suspense>
      )}
    </div>
  );
}
