import zlib from 'node:zlib';

/**
 * The text shown in a pdfkit PDF: inflates its content streams and decodes the hex strings that
 * pdfkit writes for the standard fonts (WinAnsi codes). Enough to read a generated PDF back in tests.
 */
export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const src = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endstream', start);
    if (end === -1) break;
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = zlib.inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    const parts: string[] = [];
    for (const tj of content.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj/g)) {
      const hexes =
        tj[1] !== undefined
          ? [...tj[1].matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => h[1] as string)
          : [tj[2] as string];
      parts.push(hexes.map((h) => Buffer.from(h, 'hex').toString('latin1')).join(''));
    }
    if (parts.length) out.push(parts.join('\n'));
    re.lastIndex = end;
  }
  return out.join('\n');
}
