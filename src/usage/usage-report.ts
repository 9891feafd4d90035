import type { ContentIndex } from '../engine/content-bundle';
import { PERSPECTIVES, PHASES } from '../engine/types';
import type { UsageBucket } from './usage-counters';
import { parseCounterKey, type CounterFields } from './usage-events';

/**
 * The usage report for content owners: from the daily buckets, what helps and where people stop, never who.
 * Counts under {@link SMALL} are reported as "< 5" (tables, JSON) and drawn as 0 (charts), so no small group
 * can be singled out. Charts are Vega-Lite specs rendered to inline SVG (no CDN, no script in the page).
 */
export const SMALL = 5;

export type Count = number | '< 5';
export const mask = (n: number): Count => (n < SMALL ? '< 5' : n);

export interface UsageReport {
  from: string;
  to: string;
  /** The language and country the report is limited to (absent: all). */
  filter: ReportFilter;
  days: number;
  conversationsPerDay: { day: string; channel: string; count: Count }[];
  funnel: { perspective: string; step: string; count: Count }[];
  savedTips: { tip: string; title: string; saved: Count; shown: Count }[];
  tools: { tool: string; started: Count; completed: Count }[];
  /** "Was this helpful?" per screen (or the plan): the least helpful first, with the reasons given. */
  leastHelpful: {
    subject: string;
    helpful: Count;
    notHelpful: Count;
    wrong: Count;
    unclear: Count;
    notAsked: Count;
    outdated: Count;
  }[];
  notUnderstood: { state: string; count: Count }[];
  byLanguageAndCountry: { lang: string; country: string; conversations: Count }[];
}

interface Row extends CounterFields {
  day: string;
  n: number;
}

const sum = (rows: Row[]) => rows.reduce((n, r) => n + r.n, 0);
const group = <K extends string>(rows: Row[], key: (r: Row) => K) => {
  const out = new Map<K, Row[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

/** Only the counts of one language and/or one country (every section then shows that split). */
export interface ReportFilter {
  lang?: string;
  country?: string;
}

export function buildUsageReport(
  buckets: UsageBucket[],
  index: ContentIndex,
  period: { from: string; to: string },
  titleOf: (tip: string) => string,
  filter: ReportFilter = {},
): UsageReport {
  const rows: Row[] = buckets
    .flatMap((b) => Object.entries(b.counts).map(([key, n]) => ({ ...parseCounterKey(key), day: b.day, n })))
    .filter(
      (r) => (!filter.lang || r.lang === filter.lang) && (!filter.country || r.country === filter.country),
    );
  const of = (kind: string, op = '') => rows.filter((r) => r.kind === kind && r.op === op);
  const conversations = of('conversation');

  const conversationsPerDay = [...group(conversations, (r) => `${r.day}|${r.channel}`)].map(([k, rs]) => {
    const [day = '', channel = ''] = k.split('|');
    return { day, channel, count: mask(sum(rs)) };
  });
  conversationsPerDay.sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));

  // Who reaches which phase, per perspective: the conversations that chose it, then the states of each phase.
  const reached = of('state');
  const funnel = PERSPECTIVES.flatMap((p) => {
    const inFlow = reached.filter((r) => index.states.get(r.subject)?.flow.perspective === p);
    const started = sum(conversations.filter((r) => r.perspective === p));
    return [
      { perspective: p, step: 'chose this guide', count: mask(started) },
      ...PHASES.map((phase) => ({
        perspective: p,
        step: phase,
        count: mask(sum(inFlow.filter((r) => index.states.get(r.subject)?.def.phase === phase))),
      })),
    ];
  });

  const saved = group(of('tip', 'saved'), (r) => r.subject);
  const shown = group(of('tip', 'shown'), (r) => r.subject);
  const savedTips = [...saved]
    .map(([tip, rs]) => ({ tip, n: sum(rs), shown: sum(shown.get(tip) ?? []) }))
    .sort((a, b) => b.n - a.n)
    .slice(0, 15)
    .map((x) => ({ tip: x.tip, title: titleOf(x.tip), saved: mask(x.n), shown: mask(x.shown) }));

  const started = group(of('tool', 'started'), (r) => r.subject);
  const completed = group(of('tool', 'completed'), (r) => r.subject);
  const tools = [...new Set([...started.keys(), ...completed.keys()])].sort().map((tool) => ({
    tool,
    started: mask(sum(started.get(tool) ?? [])),
    completed: mask(sum(completed.get(tool) ?? [])),
  }));

  const votes = group(
    rows.filter((r) => r.kind === 'feedback'),
    (r) => r.subject,
  );
  const leastHelpful = [...votes]
    .map(([subject, rs]) => {
      const n = (op: string) => sum(rs.filter((r) => r.op === op));
      return {
        subject,
        up: n('up'),
        down: n('down'),
        reasons: ['wrong', 'unclear', 'notAsked', 'outdated'].map((x) => n(`down.${x}`)),
      };
    })
    .sort((a, b) => b.down - a.down || a.up - b.up)
    .slice(0, 15)
    .map((x) => ({
      subject: x.subject,
      helpful: mask(x.up),
      notHelpful: mask(x.down),
      wrong: mask(x.reasons[0] ?? 0),
      unclear: mask(x.reasons[1] ?? 0),
      notAsked: mask(x.reasons[2] ?? 0),
      outdated: mask(x.reasons[3] ?? 0),
    }));

  const notUnderstood = [...group(of('notUnderstood'), (r) => r.subject)]
    .map(([state, rs]) => ({ state, n: sum(rs) }))
    .sort((a, b) => b.n - a.n)
    .slice(0, 15)
    .map((x) => ({ state: x.state, count: mask(x.n) }));

  // Once the country is known: a guide's menu reached (the first turns of a conversation know no country yet).
  const menus = new Set(index.menus.values());
  const opened = reached.filter((r) => menus.has(r.subject));
  const byLanguageAndCountry = [...group(opened, (r) => `${r.lang}|${r.country}`)]
    .map(([k, rs]) => {
      const [lang = '', country = ''] = k.split('|');
      return { lang, country, conversations: mask(sum(rs)) };
    })
    .sort((a, b) => a.lang.localeCompare(b.lang) || a.country.localeCompare(b.country));

  return {
    ...period,
    filter,
    days: buckets.length,
    conversationsPerDay,
    funnel,
    savedTips,
    tools,
    leastHelpful,
    notUnderstood,
    byLanguageAndCountry,
  };
}

const plotted = (c: Count) => (c === '< 5' ? 0 : c);

async function svgOf(spec: Record<string, unknown>): Promise<string> {
  // Loaded when a report is made: Vega is big, and the bot does not need it to answer.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vega = require('vega') as typeof import('vega');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vl = require('vega-lite') as typeof import('vega-lite');
  const compiled = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 640,
    config: { font: 'Helvetica, Arial, sans-serif', axis: { labelLimit: 260 } },
    ...spec,
  } as Parameters<typeof vl.compile>[0]);
  return new vega.View(vega.parse(compiled.spec), { renderer: 'none' }).toSVG();
}

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function table(head: string[], rows: unknown[][]): string {
  if (!rows.length) return '<p class="empty">Nothing counted in this period.</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** One self-contained HTML page: every section a chart (inline SVG) with a plain table under it. */
export async function renderUsageReportHtml(r: UsageReport): Promise<string> {
  const sections: string[] = [];
  const section = async (title: string, note: string, spec: Record<string, unknown> | null, tbl: string) =>
    sections.push(
      `<section><h2>${esc(title)}</h2><p>${esc(note)}</p>${spec ? `<figure>${await svgOf(spec)}</figure>` : ''}${tbl}</section>`,
    );

  await section(
    'Conversations per day, by channel',
    'New conversations started each day.',
    r.conversationsPerDay.length
      ? {
          data: { values: r.conversationsPerDay.map((x) => ({ ...x, count: plotted(x.count) })) },
          mark: 'bar',
          encoding: {
            x: { field: 'day', type: 'ordinal', title: 'day' },
            y: { field: 'count', type: 'quantitative', title: 'conversations', stack: true },
            color: { field: 'channel', type: 'nominal' },
          },
        }
      : null,
    table(
      ['day', 'channel', 'conversations'],
      r.conversationsPerDay.map((x) => [x.day, x.channel, x.count]),
    ),
  );
  await section(
    'The roadmap, step by step, per perspective',
    'How many chose each guide, and how often each phase was reached: where the counts fall, people stop.',
    {
      data: { values: r.funnel.map((x) => ({ ...x, count: plotted(x.count) })) },
      mark: 'bar',
      encoding: {
        y: { field: 'step', type: 'nominal', sort: null, title: null },
        x: { field: 'count', type: 'quantitative', title: 'count' },
        row: { field: 'perspective', type: 'nominal', title: null },
      },
      width: 520,
    },
    table(
      ['perspective', 'step', 'count'],
      r.funnel.map((x) => [x.perspective, x.step, x.count]),
    ),
  );
  await section(
    'Most saved tips',
    'Tips saved into a plan, with how often they were shown.',
    r.savedTips.length
      ? {
          data: { values: r.savedTips.map((x) => ({ ...x, saved: plotted(x.saved) })) },
          mark: 'bar',
          encoding: {
            y: { field: 'title', type: 'nominal', sort: '-x', title: null },
            x: { field: 'saved', type: 'quantitative', title: 'saved' },
          },
        }
      : null,
    table(
      ['tip', 'title', 'saved', 'shown'],
      r.savedTips.map((x) => [x.tip, x.title, x.saved, x.shown]),
    ),
  );
  await section(
    'Guided tools: started and completed',
    'A tool is completed when its summary is reached.',
    r.tools.length
      ? {
          data: {
            values: r.tools.flatMap((x) => [
              { tool: x.tool, what: 'started', count: plotted(x.started) },
              { tool: x.tool, what: 'completed', count: plotted(x.completed) },
            ]),
          },
          mark: 'bar',
          encoding: {
            y: { field: 'tool', type: 'nominal', title: null },
            yOffset: { field: 'what' },
            x: { field: 'count', type: 'quantitative' },
            color: { field: 'what', type: 'nominal' },
          },
        }
      : null,
    table(
      ['tool', 'started', 'completed'],
      r.tools.map((x) => [x.tool, x.started, x.completed]),
    ),
  );
  await section(
    'Least helpful screens (“Was this helpful?”)',
    'Votes per screen or the plan, the most 👎 first, with the reason given after 👎 (fixed choices, never text).',
    r.leastHelpful.length
      ? {
          data: {
            values: r.leastHelpful.flatMap((x) => [
              { subject: x.subject, vote: 'not helpful', count: plotted(x.notHelpful) },
              { subject: x.subject, vote: 'helpful', count: plotted(x.helpful) },
            ]),
          },
          mark: 'bar',
          encoding: {
            y: { field: 'subject', type: 'nominal', sort: null, title: null },
            x: { field: 'count', type: 'quantitative', stack: true },
            color: { field: 'vote', type: 'nominal', scale: { range: ['#c0392b', '#2e7d32'] } },
          },
        }
      : null,
    table(
      [
        'screen',
        'helpful',
        'not helpful',
        'wrong for me',
        'hard to understand',
        'not what I asked',
        'out of date',
      ],
      r.leastHelpful.map((x) => [
        x.subject,
        x.helpful,
        x.notHelpful,
        x.wrong,
        x.unclear,
        x.notAsked,
        x.outdated,
      ]),
    ),
  );
  await section(
    'Typed text not understood, per screen',
    'Where typed questions found no answer (the text itself is never kept).',
    r.notUnderstood.length
      ? {
          data: { values: r.notUnderstood.map((x) => ({ ...x, count: plotted(x.count) })) },
          mark: 'bar',
          encoding: {
            y: { field: 'state', type: 'nominal', sort: '-x', title: null },
            x: { field: 'count', type: 'quantitative', title: 'not understood' },
          },
        }
      : null,
    table(
      ['screen (state)', 'not understood'],
      r.notUnderstood.map((x) => [x.state, x.count]),
    ),
  );
  await section(
    'By language and country',
    'Guides opened (a perspective’s menu reached, once the country is known), by language and country.',
    r.byLanguageAndCountry.length
      ? {
          data: {
            values: r.byLanguageAndCountry.map((x) => ({ ...x, conversations: plotted(x.conversations) })),
          },
          mark: 'bar',
          encoding: {
            x: { field: 'country', type: 'nominal' },
            xOffset: { field: 'lang' },
            y: { field: 'conversations', type: 'quantitative' },
            color: { field: 'lang', type: 'nominal' },
          },
        }
      : null,
    table(
      ['language', 'country', 'guides opened'],
      r.byLanguageAndCountry.map((x) => [x.lang, x.country, x.conversations]),
    ),
  );

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>I-KNOW-HOW roadmap bot: usage ${esc(r.from)} to ${esc(r.to)}</title>
<style>
body{font:16px/1.45 system-ui,Segoe UI,Roboto,Arial,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem;border-top:1px solid #ccc;padding-top:1rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
th{background:#f0f3f8}figure{margin:1rem 0;overflow-x:auto}.empty{color:#555;font-style:italic}
</style></head><body>
<h1>Usage of the work and cancer guide</h1>
<p>${esc(r.from)} to ${esc(r.to)} (${r.days} day(s) with activity)${
    r.filter.lang || r.filter.country
      ? `; only ${[r.filter.lang && `language ${esc(r.filter.lang)}`, r.filter.country && `country ${esc(r.filter.country)}`].filter(Boolean).join(', ')}`
      : ''
  }. Anonymous counts only: no conversation, no
person, no typed text is counted. Counts under ${SMALL} are shown as “&lt; ${SMALL}” (and drawn as 0) so no small
group can be singled out.</p>
${sections.join('\n')}
</body></html>
`;
}
