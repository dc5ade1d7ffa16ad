"use client";
/** A form's failure, read out at once (role="alert"); nothing when there is none. */
import type { ReactNode } from "react";

export function FormError({ children, testId, id }: { children: ReactNode; testId: string; id?: string }) {
  if (!children) return null;
  return (
    <p id={id} className="form-error" role="alert" data-testid={testId}>
      {children}
    </p>
  );
}
