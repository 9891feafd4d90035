/*
 * How long understanding takes: builds the index once (timed), then routes every phrasing of the
 * evaluation set many times, through the whole of understandText (commands, choices, search,
 * language check) from each perspective's menu. Prints the mean and p99 per message.
 *   npm run bench:understanding [-- --rounds 50]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildContent, projectRoot } from '../content/build-content';
import { currentView } from '../engine/step';
import { LANGUAGES, SCHEMA_VERSION, type PersistedConversation } from '../engine/types';
import { loadEvalSet } from '../understanding/evaluate';
import { buildLexicon } from '../understanding/understand-text';
import { loadKeywords } from '../understanding/keywords';
import { understandText } from '../understanding/understand-text';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '50' } } });
const rounds = Math.max(1, Number(values.rounds) || 50);

const content = buildContent();
const { engine, lexicon, resources } = content;
const t0 = process.hrtime.bigint();
buildLexicon(
  { en: {}, nl: {}, fr: {} },
  {
    index: engine.index,
    jumps: engine.jumps,
    texts: resources,
    keywords: loadKeywords(path.join(projectRoot(), 'locales')),
  },
);
const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;

const dir = path.join(projectRoot(), 'tests', 'understanding');
const cases = LANGUAGES.flatMap((lang) =>
  loadEvalSet(dir, lang).map((item) => {
    const perspective = item.perspective ?? null;
    const stored: PersistedConversation = {
      schemaVersion: SCHEMA_VERSION,
      flowVersion: engine.index.version,
      state: (perspective && engine.index.menus.get(perspective)) || engine.index.entryState,
      context: { lang, country: item.country ?? null, perspective, answers: {}, savedTips: [] },
      history: [],
      createdAt: 0,
      updatedAt: 0,
    };
    const t = content.i18n.getFixedT(lang);
    return { item, view: currentView(engine, stored, lang), label: (k: string) => t(k) as string };
  }),
);

const times: number[] = [];
for (let r = 0; r < rounds + 2; r++)
  for (const c of cases) {
    const start = process.hrtime.bigint();
    understandText(c.item.text, c.view, c.label, lexicon, c.item);
    const ns = Number(process.hrtime.bigint() - start);
    if (r >= 2) times.push(ns / 1e6); // two warm-up rounds
  }
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] as number;
console.log(
  `index build (3 languages, ${lexicon.search?.docs.length ?? 0} documents each): ${buildMs.toFixed(1)} ms`,
);
console.log(
  `route one message (${times.length} = ${cases.length} phrasings × ${rounds}): mean ${mean.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${(times[times.length - 1] as number).toFixed(3)} ms`,
);
