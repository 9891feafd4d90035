/** Text tables and number formats for the benchmark report. */

export type Cell = string | number;

/** Renders rows under a header; numbers right-aligned, text left-aligned. */
export function table(header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], raw: Cell[] | undefined) =>
    r
      .map((c, i) => {
        const w = widths[i] ?? 0;
        return typeof raw?.[i] === 'number' ? c.padStart(w) : c.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const out = [line(header, undefined), widths.map((w) => '-'.repeat(w)).join('  ')];
  rows.forEach((r) => out.push(line(r.map(String), r)));
  return out.map((l) => `  ${l}`).join('\n');
}

export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export const int = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** A signed size difference in MiB. */
export const mibDelta = (bytes: number): string => `${bytes >= 0 ? '+' : '-'}${mib(Math.abs(bytes))}`;

/** "MET" or "MISSED" next to a target. */
export const verdict = (ok: boolean): string => (ok ? 'MET' : 'MISSED');

export function section(title: string): string {
  return `\n== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`;
}
