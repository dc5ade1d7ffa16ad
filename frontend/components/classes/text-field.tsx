"use client";
/** A labelled input: the label above, every other input attribute passed through. */
import { useId, type InputHTMLAttributes } from "react";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> {
  label: string;
  onValue: (value: string) => void;
  testId: string;
}

export function TextField({ label, onValue, testId, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} onChange={(event) => onValue(event.target.value)} data-testid={testId} {...input} />
    </>
  );
}
