import path from 'node:path';
import { openItems } from '../../src/storage/lmdb-storage';
import { dayOf, readBuckets } from '../../src/usage/usage-counters';
import { parseCounterKey } from '../../src/usage/usage-events';
import { buttonValue, message, startBot, tempDir, type TestBot } from '../helpers/http-bot';

/**
 * The usage counters are anonymous: after a full scripted conversation, nothing stored in them names a
 * conversation or a user, holds what was typed, or a time finer than the day; and what was done is counted.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

describe('anonymous usage counters', () => {
  let bot: TestBot;
  const dataDir = tempDir();
  beforeAll(async () => {
    bot = await startBot({}, dataDir);
  });
  afterAll(async () => {
    await bot.close();
  });

  it('count what was shown and used, and store nothing personal', async () => {
    const c = 'usage-privacy-conversation-4711';
    const secret = 'ZZ-TYPED-my-oncologist-said-stage-2';
    const t = (key: string) => bot.app.content.i18n.getFixedT('en')(key, { days: 30 }) as string;
    await bot.send(message(c, { text: 'hi' }));
    await bot.send(message(c, { text: '1' }));
    const phases = await bot.send(message(c, { text: '4' })); // United Kingdom
    await bot.send(message(c, { text: secret })); // not understood
    const treatment = await bot.send(
      message(c, { value: buttonValue(phases.replies, t('employee:phases.treatment')) }),
    );
    const save = treatment.replies
      .flatMap((r) => r.attachments ?? [])
      .flatMap((a) => (a.content.buttons as { title: string; value: unknown }[] | undefined) ?? [])
      .find((b) => b.title === t('common:tip.save'));
    await bot.send(message(c, { value: save!.value }));
    // "Was this helpful?" 👎 with a reason: counted by screen and reason, never by whom.
    await bot.send(message(c, { value: { kind: 'feedback', subject: 'employee.treatment', vote: 'down' } }));
    await bot.send(
      message(c, {
        value: { kind: 'feedback', subject: 'employee.treatment', vote: 'down', reason: 'unclear' },
      }),
    );
    await bot.send(message(c, { text: 'my plan' }));
    await bot.app.usage.flush();

    const today = dayOf(Date.now());
    const buckets = await readBuckets(bot.app.usageStore, today, today);
    expect(buckets).toHaveLength(1);
    const counts = buckets[0]!.counts;
    const fields = Object.keys(counts).map(parseCounterKey);
    // What was done is counted, by what was shown, in its dimensions.
    const count = (kind: string, op = '', subject?: string) =>
      fields
        .filter((f) => f.kind === kind && f.op === op && (subject === undefined || f.subject === subject))
        .reduce(
          (n, f) =>
            n +
            (counts[[f.kind, f.op, f.subject, f.lang, f.country, f.perspective, f.channel].join('|')] ?? 0),
          0,
        );
    expect(count('conversation')).toBe(1);
    expect(count('state', '', 'employee.treatment')).toBe(1);
    expect(count('tip', 'shown')).toBeGreaterThan(0);
    expect(count('tip', 'saved')).toBe(1);
    expect(count('notUnderstood')).toBe(1);
    expect(count('feedback', 'down', 'employee.treatment')).toBe(1);
    expect(count('feedback', 'down.unclear', 'employee.treatment')).toBe(1);
    expect(
      fields.some(
        (f) =>
          f.lang === 'en' && f.country === 'UK' && f.perspective === 'employee' && f.channel === 'emulator',
      ),
    ).toBe(true);

    // Nothing personal: no conversation or user id, no typed text, no time finer than the day.
    const everything = JSON.stringify(buckets);
    for (const personal of [c, `user-${c}`, secret, 'oncologist']) expect(everything).not.toContain(personal);
    expect(everything).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    await bot.app.usageStore.close().catch(() => undefined);
    const { root, items } = openItems(path.join(dataDir, 'usage'));
    try {
      const records = [...items.getRange({})].map((e) => e.value);
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) {
        expect(r.ts % DAY_MS).toBe(0); // the store's own last-write time: the day, not the moment
        expect(Object.keys(r.item).sort()).toEqual(['counts', 'day']);
      }
    } finally {
      await root.close();
    }
  });
});
