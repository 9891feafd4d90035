import type { PersistedConversation } from '../../src/engine/types';
import { message, startBot, texts, type TestBot } from '../helpers/http-bot';

/** A burst of button presses of one conversation over HTTP, on one bot with the embedded store. */
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

const t = (key: string) => bot.app.content.i18n.getFixedT('en')(key, { days: 30 }) as string;

it('20 concurrent "save tip" presses: every request answered 200, every tip saved exactly once', async () => {
  const c = 'burst1';
  expect((await bot.send(message(c, { text: 'hi' }))).status).toBe(200);
  const tips = [...bot.app.content.engine.index.tips.keys()].slice(0, 20);
  expect(tips).toHaveLength(20);

  const answers = await Promise.all(
    tips.map((tip) => bot.send(message(c, { value: { kind: 'tip', op: 'save', tip } }))),
  );

  expect(answers.map((a) => a.status)).toEqual(tips.map(() => 200));
  expect(answers.map((a) => texts(a.replies)[0])).toEqual(tips.map(() => t('common:tip.saved')));
  const key = `conv/emulator/${c}`;
  const stored = (await bot.app.storage.read([key]))[key] as PersistedConversation;
  expect([...stored.context.savedTips].sort()).toEqual([...tips].sort());
  // The conversation goes on normally afterwards.
  const plan = await bot.send(message(c, { text: 'my plan' }));
  expect(plan.status).toBe(200);
  // "My plan" is one message, starting with its title.
  expect(texts(plan.replies)[0]?.startsWith(t('common:plan.title'))).toBe(true);
});
