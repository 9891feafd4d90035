/*
 * Where typed text leads, for scripted checks: the content search the bot uses, best first (at most five).
 *   npm run --silent route -- --lang nl [--perspective employer] [--country BE] "text"
 *     → {"matches":[{"state":"…","topics":["…"],"score":0.0}]}      (a tip match also names "tip")
 *   npm run --silent route -- --jsonl < lines.jsonl
 *     each line {"lang":"nl","text":"…","perspective":"employer","country":"BE"} (the last two optional)
 *     → one result per line, in order; a line that cannot be read gives {"error":"…"}.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { buildContent } from '../content/build-content';
import type { ContentSearch } from '../understanding/content-search';
import { parseRouteQuery, routeLine, routeResult } from '../understanding/route-query';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: 'string', default: 'en' },
    perspective: { type: 'string' },
    country: { type: 'string' },
    jsonl: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const search = buildContent().lexicon.search as ContentSearch;
  if (!values.jsonl) {
    const q = parseRouteQuery({ ...values, text: positionals.join(' ') });
    if (typeof q === 'string' || !positionals.length) {
      console.error(
        typeof q === 'string' ? q : 'usage: route -- --lang nl [--perspective p] [--country C] "text"',
      );
      process.exit(2);
    }
    console.log(JSON.stringify(routeResult(search, q)));
    return;
  }
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl)
    if (line.trim()) process.stdout.write(`${JSON.stringify(routeLine(search, line))}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
