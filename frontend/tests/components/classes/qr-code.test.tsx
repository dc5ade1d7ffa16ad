import { render, screen } from "@testing-library/react";
import { create } from "qrcode";
import { QrCode, qrPath } from "@/components/classes/qr-code";

describe("QrCode", () => {
  const url = "http://127.0.0.1:3000/entrar/turma/7K3M9Q2XBD";

  it("draws the link's matrix as an labelled SVG image, quiet zone included", () => {
    render(<QrCode text={url} label="QR code do link da turma de Física" />);
    const image = screen.getByRole("img", { name: "QR code do link da turma de Física" });
    const { modules } = create(url, { errorCorrectionLevel: "M" });
    expect(image).toHaveAttribute("data-modules", String(modules.size));
    expect(image).toHaveAttribute("viewBox", `0 0 ${modules.size + 8} ${modules.size + 8}`);
    const dark = Array.from(modules.data).filter(Boolean).length;
    expect(image.querySelector("path")!.getAttribute("d")!.match(/M/g)).toHaveLength(dark);
  });

  it("puts each dark module at its place: the finder pattern's corner is dark, its inner ring light", () => {
    const { path } = qrPath(url);
    expect(path).toContain("M4 4h1v1h-1z"); // row 0, col 0 (plus the 4-module quiet zone)
    expect(path).not.toContain("M5 5h1v1h-1z"); // row 1, col 1: the white ring
    expect(path).toContain("M6 6h1v1h-1z"); // row 2, col 2: the dark centre
    expect(qrPath("outro link").path).not.toBe(path);
  });
});
