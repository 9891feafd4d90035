import { buttonValue, message, startBot, texts, type TestBot } from '../helpers/http-bot';

/** Typed questions through the real bot over HTTP: jump, back, did you mean, nothing found, switch language. */
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

const t = (lng: 'en' | 'nl' | 'fr', key: string, options?: Record<string, unknown>) =>
  bot.app.content.i18n.getFixedT(lng)(key, { days: 30, ...options }) as string;

/** A fresh conversation at the employee's menu, with Belgium as the country. */
async function employee(c: string, locale: string) {
  await bot.send(message(c, { text: 'hi', locale }));
  await bot.send(message(c, { text: '1', locale }));
  return bot.send(message(c, { text: '1', locale }));
}

describe('typed questions', () => {
  it('a clear question jumps there; a saved tip is kept; "back" returns', async () => {
    const c = 'u-jump';
    const phases = await employee(c, 'nl-BE');
    const diag = await bot.send(
      message(c, {
        value: buttonValue(phases.replies, t('nl', 'employee:phases.diagnosis')),
        locale: 'nl-BE',
      }),
    );
    const card = diag.replies.find((x) => x.attachments?.length)!.attachments![0]!.content as {
      buttons: { value: unknown }[];
    };
    await bot.send(message(c, { value: card.buttons[0]!.value, locale: 'nl-BE' }));
    const r = await bot.send(message(c, { text: 'wat moet ik tegen mijn baas zeggen', locale: 'nl-BE' }));
    expect(texts(r.replies)).toContain(t('nl', 'employee:boss.share.ask'));
    const plan = await bot.send(message(c, { text: 'mijn plan', locale: 'nl-BE' }));
    expect(texts(plan.replies)).not.toContain(t('nl', 'common:plan.empty'));
    const back = await bot.send(message(c, { text: 'terug', locale: 'nl-BE' }));
    expect(texts(back.replies)).toContain(t('nl', 'employee:diagnosis.intro'));
  });

  it('words of distress lead to "talk to someone"', async () => {
    const c = 'u-talk';
    await employee(c, 'fr-BE');
    const r = await bot.send(message(c, { text: "j'ai tellement peur", locale: 'fr-BE' }));
    expect(texts(r.replies)).toContain(t('fr', 'entry:talk.intro'));
  });

  it('an unclear question asks "did you mean" with buttons; nothing found offers the menu and help', async () => {
    const c = 'u-unsure';
    const phases = await employee(c, 'en-GB');
    await bot.send(message(c, { value: buttonValue(phases.replies, t('en', 'employee:phases.diagnosis')) }));
    const r = await bot.send(message(c, { text: 'how do i plan my return to work' }));
    expect(texts(r.replies)[0]).toBe(t('en', 'common:understand.didYouMean'));
    expect(buttonValue(r.replies, t('en', 'common:understand.none'))).toBeDefined();
    const n = await bot.send(message(c, { text: 'who won the football' }));
    // One fallback message, not two.
    expect(texts(n.replies)[0]).toBe(t('en', 'common:understand.noMatch'));
    expect(texts(n.replies)).not.toContain(t('en', 'common:notUnderstood'));
    expect(buttonValue(n.replies, t('en', 'common:understand.talk'))).toEqual({
      kind: 'command',
      name: 'talk',
    });
  });

  it('text in another language offers to switch, in that language', async () => {
    const c = 'u-lang';
    await employee(c, 'fr-FR');
    const r = await bot.send(message(c, { text: 'what do I say to my boss', locale: 'fr-FR' }));
    expect(texts(r.replies)[0]).toBe(t('en', 'common:understand.switchLanguage'));
    const yes = await bot.send(
      message(c, { value: buttonValue(r.replies, t('en', 'entry:language.en')), locale: 'fr-FR' }),
    );
    expect(texts(yes.replies)).toContain(t('en', 'employee:boss.share.ask'));
  });

  it('"I am an HR manager" typed by an employee offers the employer’s guide; one tap switches, nothing lost', async () => {
    const c = 'u-role';
    await employee(c, 'en-GB');
    const r = await bot.send(
      message(c, { text: 'I am an HR manager, how do I plan a return?', locale: 'en-GB' }),
    );
    expect(texts(r.replies)[0]).toBe(
      t('en', 'common:perspective.offer', { role: t('en', 'common:perspective.role.employer') }),
    );
    const yes = await bot.send(
      message(c, { value: buttonValue(r.replies, t('en', 'common:perspective.switch')), locale: 'en-GB' }),
    );
    expect(texts(yes.replies)).toContain(t('en', 'employer:phases.intro'));
  });
});
