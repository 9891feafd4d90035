import type { PlanDocument } from './plan-document';

/** The plan as Markdown (readable as plain text too). */
export function renderPlanMarkdown(doc: PlanDocument): string {
  const out: string[] = [`# ${doc.title}`, '', ...doc.about.map((a) => `**${a}**  `), `_${doc.date}_`, ''];
  for (const s of doc.sections) {
    out.push(`## ${s.heading}`, '');
    // The talk as a quotation: the words to say, one paragraph each.
    if (s.talk.length) out.push(s.talk.map((p) => `> ${p}`).join('\n>\n'), '');
    if (s.lines.length) out.push(...s.lines.map((l) => `- ${l}`), '');
  }
  if (doc.tips.length) {
    out.push(`## ${doc.tipsTitle}`, '');
    for (const tip of doc.tips) out.push(`### ${tip.title}`, '', tip.body, '');
  }
  if (doc.sources.length)
    out.push(`## ${doc.sourcesTitle}`, '', ...doc.sources.map((s) => `- [${s.label}](${s.url})`), '');
  out.push('---', '', doc.disclaimer, '');
  return out.join('\n');
}
