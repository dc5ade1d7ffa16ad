/**
 * A minimal PDF writer (no dependency): one page per array of lines, Helvetica with
 * WinAnsiEncoding so Portuguese accents survive text extraction. The first line of a page is
 * set larger, as a heading. scripts/sample-course/sistema-solar.pdf was made with it.
 */
function escape(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\(/g, "\\(").replace(/\)/g, "\\)");
}

/** Build the PDF bytes for `pages` (each an array of text lines; the first line is set larger). */
export function makePdf(pages: string[][], title = "ChatGepeto"): Buffer {
  const objects: (string | null)[] = [];
  const add = (body: string | null) => objects.push(body);
  const catalog = add(null);
  const pagesObj = add(null);
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const lines of pages) {
    const [head = "", ...rest] = lines;
    const ops = [`BT /F2 16 Tf 72 760 Td 22 TL (${escape(head)}) Tj /F1 12 Tf 0 -30 Td 16 TL`];
    for (const line of rest) ops.push(`(${escape(line)}) Tj T*`);
    ops.push("ET");
    const stream = Buffer.from(ops.join("\n"), "latin1");
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream.toString("latin1")}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Contents ${content} 0 R ` +
          `/Resources << /Font << /F1 ${font} 0 R /F2 ${bold} 0 R >> >> >>`,
      ),
    );
  }
  const info = add(`<< /Title (${escape(title)}) /Producer (ChatGepeto tests) >>`);
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;

  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
