"use client";
/** A QR code drawn here as SVG (the `qrcode` package's matrix): nothing leaves the browser. */
import { create } from "qrcode";
import { useMemo } from "react";

const QUIET_ZONE = 4;

export interface QrCodeProps {
  text: string;
  /** What the image says to a screen reader. */
  label: string;
  /** Width and height on screen, in CSS pixels. */
  size?: number;
  testId?: string;
}

/** The dark modules as one SVG path, each a 1×1 square offset by the quiet zone. */
export function qrPath(text: string): { path: string; modules: number } {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const squares: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) squares.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { path: squares.join(""), modules: modules.size };
}

export function QrCode({ text, label, size = 192, testId = "qr-code" }: QrCodeProps) {
  const { path, modules } = useMemo(() => qrPath(text), [text]);
  const side = modules + 2 * QUIET_ZONE;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
      data-testid={testId}
      data-modules={modules}
      data-text={text}
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
