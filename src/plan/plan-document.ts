import type { Engine } from '../engine/step';
import type { FlowMessage } from '../engine/flow-schema';
import type { Country, MessageRef, PersistedConversation, Perspective } from '../engine/types';
import { planLines, sourcesFor, summaryStates } from '../engine/views';
import { scriptReady, scriptView } from '../engine/script';
import { say, sourceLabel, type T } from '../render/translate-view';

/** The take-home plan as plain data in the user's language: what the PDF and Markdown render. */
export interface PlanDocument {
  lang: string;
  title: string;
  date: string;
  /** Whom the plan is for and the country whose rules it gives ("Guide for employers…", "Country: Belgium"). */
  about: string[];
  disclaimer: string;
  /** A tool's section: its talk (paragraphs to say, when the tool builds one), then its lines. */
  sections: { heading: string; talk: string[]; lines: string[] }[];
  tipsTitle: string;
  tips: { title: string; body: string }[];
  sourcesTitle: string;
  /** "More information": the publisher and page as a label, and its address. */
  sources: { label: string; url: string }[];
}

const GUIDES: Record<Perspective, string> = {
  employee: 'common:plan.guide.employee',
  employer: 'common:plan.guide.employer',
  health: 'common:plan.guide.health',
  coach: 'common:plan.guide.coach',
};
const COUNTRY_NAMES: Record<Country, string> = {
  BE: 'entry:country.BE',
  NL: 'entry:country.NL',
  FR: 'entry:country.FR',
  UK: 'entry:country.UK',
};

/** A tool summary's country rules (its messages with the country as context, e.g. the rights line), when known. */
function countryLines(say: FlowMessage[], country: Country | undefined): MessageRef[] {
  if (!country) return [];
  return say.flatMap((m) =>
    typeof m !== 'string' && m.context === 'country' ? [{ key: m.key, context: country }] : [],
  );
}

export function buildPlanDocument(
  engine: Engine,
  persisted: PersistedConversation,
  t: T,
  now: Date,
): PlanDocument {
  const { index } = engine;
  const ctx = persisted.context;
  const country = ctx.country ?? undefined;
  const facts: string[] = [];
  const sections: PlanDocument['sections'] = [];
  for (const s of summaryStates(index)) {
    const lines = planLines(index, s.def.summary as string, ctx);
    const script =
      s.def.script && scriptReady(s.def.script, ctx.answers) ? scriptView(s.def.script, ctx) : null;
    if (!lines.length && !script) continue;
    const heading = s.def.say[0];
    sections.push({
      // A heading, not a lead-in: no trailing colon ("Your script for raising work:" → "… work").
      heading: heading ? t(typeof heading === 'string' ? heading : heading.key).replace(/\s*:\s*$/, '') : '',
      // The talk paragraph by paragraph, as the user will say it; then its rules and the tool's other lines.
      talk: (script?.paragraphs ?? []).map((m) => say(t, m)),
      lines: [...(script?.rules ?? []), ...lines, ...countryLines(s.def.say, country)].map((m) => say(t, m)),
    });
    if (country) facts.push(...(s.def.facts[country] ?? []), ...(script?.facts ?? []));
  }
  const tips = ctx.savedTips
    .map((id) => index.tips.get(id))
    .filter((tip) => tip !== undefined)
    .map((tip) => {
      if (country) facts.push(...tip.facts.filter((f) => f.startsWith(`${country}-`)));
      return {
        title: t(`tips:${tip.id}.title`),
        body: t(`tips:${tip.id}.body`, tip.countryText && country ? { context: country } : {}),
      };
    });
  return {
    lang: ctx.lang,
    title: t('common:plan.title'),
    date: t('common:plan.date', {
      date: new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(now),
    }),
    about: [
      ...(ctx.perspective ? [t(GUIDES[ctx.perspective])] : []),
      ...(country ? [t('common:plan.country', { country: t(COUNTRY_NAMES[country]) })] : []),
    ],
    disclaimer: t('common:plan.generalInfo'),
    sections,
    tipsTitle: t('common:plan.savedTipsTitle'),
    tips,
    sourcesTitle: t('common:plan.sourcesTitle'),
    sources: sourcesFor(index, facts, ctx).map((s) => ({ label: sourceLabel(t, s, ctx.lang), url: s.url })),
  };
}
