/*
 * Terminal chat for content authors: the same engine, text renderer and storage as the bot.
 *   npm run chat -- --lang nl --country BE [--conversation NAME]
 * Type the number of a choice, a label, or a command ("help"). Ctrl-D or "quit" ends.
 */
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadDotEnv, readConfig } from '../config';
import { buildContent } from '../content/build-content';
import { COUNTRIES, LANGUAGES, type Country } from '../engine/types';
import { renderText } from '../render/render-text';
import { LmdbStorage } from '../storage/lmdb-storage';
import { runTurn, type RawInput, type TurnDeps } from '../turn/run-turn';

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'en' },
    country: { type: 'string' },
    conversation: { type: 'string' },
  },
});
if (!(LANGUAGES as readonly string[]).includes(values.lang ?? '')) {
  console.error(`--lang must be one of ${LANGUAGES.join(', ')}`);
  process.exit(2);
}
const country = values.country?.toUpperCase();
if (country && !(COUNTRIES as readonly string[]).includes(country)) {
  console.error(`--country must be one of ${COUNTRIES.join(', ')}`);
  process.exit(2);
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const content = buildContent();
  const storage = LmdbStorage.open({
    path: path.join(config.dataDir, 'state'),
    ttlMs: config.retentionDays * 24 * 60 * 60 * 1000,
  });
  const deps: TurnDeps = {
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now: () => Date.now(),
    retentionDays: config.retentionDays,
  };
  const name = values.conversation ?? `cli-${process.pid}-${Date.now()}`;
  const keys = { conversation: `conv/terminal/${name}` };
  const say = async (input: RawInput) => {
    const { view, t } = await runTurn(deps, keys, input);
    for (const a of renderText(view, t)) console.log(`\n${a.text ?? ''}`);
  };

  await say({ kind: 'start', locale: values.lang, country: (country as Country | undefined) ?? null });
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\n> ' });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === 'quit') break;
    await say({ kind: 'text', text: line, locale: values.lang });
    rl.prompt();
  }
  rl.close();
  await storage.close();
  console.log(`\n(conversation "${name}" is kept in ${config.dataDir}; resume with --conversation ${name})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
