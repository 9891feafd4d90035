import { buttonValue, message, startBot, texts, type TestBot } from '../helpers/http-bot';

/** Bot tests over real HTTP on a random port, with deliveryMode expectReplies. */
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

const t = (lng: 'en' | 'nl' | 'fr', key: string, options?: Record<string, unknown>) =>
  bot.app.content.i18n.getFixedT(lng)(key, { days: 30, ...options }) as string;

describe('first contact', () => {
  it('greets a nl-BE user in Dutch with the privacy line, the disclaimer and the perspective choices', async () => {
    const { status, replies } = await bot.send(message('nl1', { text: 'hallo', locale: 'nl-BE' }));
    expect(status).toBe(200);
    expect(texts(replies)).toEqual([
      t('nl', 'entry:welcome.hello'),
      t('nl', 'entry:welcome.privacy'),
      t('nl', 'entry:welcome.disclaimer'),
      t('nl', 'entry:welcome.who'),
    ]);
    expect(buttonValue(replies, t('nl', 'entry:who.employee'))).toMatchObject({
      kind: 'choice',
      choice: 'employee',
    });
  });

  it('a conversationUpdate that adds the user starts the conversation; fr-FR greets in French', async () => {
    const { replies } = await bot.send({
      ...message('fr1', { locale: 'fr-FR' }),
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user-fr1' }, { id: 'bot' }],
    });
    expect(texts(replies)[0]).toBe(t('fr', 'entry:welcome.hello'));
  });

  it('a missing or malformed locale falls back to English', async () => {
    for (const [conv, locale] of [
      ['en1', undefined],
      ['en2', '../../etc/passwd'],
      ['en3', 'xx-YY'],
    ] as const) {
      const { replies } = await bot.send(message(conv, { text: 'hi', locale }));
      expect(texts(replies)[0]).toBe(t('en', 'entry:welcome.hello'));
    }
  });
});

describe('redelivered and simultaneous activities (channels retry)', () => {
  const added = (c: string) => ({
    ...message(c),
    type: 'conversationUpdate',
    membersAdded: [{ id: `user-${c}` }, { id: 'bot' }],
  });

  it('the same conversationUpdate delivered again greets once; a second member-added update says nothing', async () => {
    const update = added('redeliver1');
    const first = await bot.send(update);
    expect(texts(first.replies)[0]).toBe(t('en', 'entry:welcome.hello'));
    const again = await bot.send(update);
    expect(again.status).toBe(200);
    expect(again.replies).toEqual([]);
    const another = await bot.send(added('redeliver1'));
    expect(another.replies).toEqual([]);
  });

  it('two member-added updates at the same moment greet once between them', async () => {
    const [a, b] = await Promise.all([bot.send(added('together1')), bot.send(added('together1'))]);
    const welcomes = [...a.replies, ...b.replies].filter((r) => r.text === t('en', 'entry:welcome.hello'));
    expect(welcomes).toHaveLength(1);
  });

  it('a button press or a typed message delivered twice is answered and applied once', async () => {
    const c = 'redeliver2';
    await bot.send(message(c, { text: 'hi' }));
    await bot.send(message(c, { text: '1' }));
    const phases = await bot.send(message(c, { text: '4' }));
    const press = message(c, { value: buttonValue(phases.replies, t('en', 'employee:phases.treatment')) });
    const first = await bot.send(press);
    expect(texts(first.replies)[0]).toBe(t('en', 'employee:treatment.intro'));
    const typed = message(c, { text: 'back' });
    const [again, back] = [await bot.send(press), await bot.send(typed)];
    expect(again.replies).toEqual([]);
    expect(texts(back.replies)).toContain(t('en', 'employee:phases.intro'));
    // "back" delivered again must not go back a second time (out of the phases menu).
    expect((await bot.send(typed)).replies).toEqual([]);
    const stored = (await bot.app.storage.read([`conv/emulator/${c}`]))[`conv/emulator/${c}`] as {
      state: string;
      seen: string[];
    };
    expect(stored.state).toBe('employee.phases');
    expect(stored.seen).toContain(press.id);
  });
});

describe('the boss tool, end to end', () => {
  it('runs through buttons and typed answers and ends in a saved plan with the country’s rights', async () => {
    const c = 'boss1';
    let r = await bot.send(message(c, { text: 'hello' }));
    r = await bot.send(message(c, { value: buttonValue(r.replies, t('en', 'entry:who.employee')) }));
    r = await bot.send(message(c, { text: 'belgium' })); // typed label, any case
    expect(texts(r.replies)[0]).toBe(t('en', 'employee:phases.intro'));
    r = await bot.send(message(c, { value: buttonValue(r.replies, t('en', 'employee:phases.boss')) }));
    expect(texts(r.replies)).toContain(t('en', 'employee:boss.share.ask'));
    r = await bot.send(message(c, { text: '2' })); // by number: "only that I will be absent"
    expect(texts(r.replies)).toContain(t('en', 'employee:boss.support.ask'));
    r = await bot.send(message(c, { value: buttonValue(r.replies, t('en', 'employee:boss.support.hours')) }));
    r = await bot.send(message(c, { text: t('en', 'employee:boss.colleagues.myself').toUpperCase() }));
    expect(texts(r.replies)).toContain(t('en', 'talk:boss.contact.ask'));
    r = await bot.send(message(c, { value: buttonValue(r.replies, t('en', 'talk:boss.contact.written')) }));
    r = await bot.send(message(c, { value: buttonValue(r.replies, t('en', 'employee:boss.when.company')) }));
    // The talk in one bubble, in the first person, built from the answers; then the Belgian rule for fewer
    // hours and the Belgian rights (the user's country is known: every text is its Belgian variant).
    const say = (key: string) => t('en', key, { context: 'BE' });
    const talk = texts(r.replies).find((x) => x.includes(say('talk:boss.script.share.absence.plain')));
    expect(talk).toBeDefined();
    for (const key of [
      'talk:boss.script.open.company.plain',
      'talk:boss.script.ask.hours.plain',
      'talk:boss.script.colleagues.myself.plain',
      'talk:boss.script.contact.written.plain',
      'talk:boss.script.close.plain',
    ])
      expect(talk).toContain(say(key));
    expect(texts(r.replies)).toEqual(
      expect.arrayContaining([
        say('talk:boss.title'),
        say('talk:boss.rules.hours'),
        say('employee:boss.plan.rights'),
      ]),
    );
    // The likely questions and the practice are one press away.
    expect(buttonValue(r.replies, t('en', 'talk:boss.questions.open'))).toBeDefined();
    const practice = await bot.send(
      message(c, { value: buttonValue(r.replies, t('en', 'talk:boss.practice.open')) }),
    );
    expect(texts(practice.replies)).toContain(t('en', 'talk:boss.practice.whatIsIt.ask'));
    // A typed answer counts as the choice it matches; the feedback comes before the next question.
    const typed = await bot.send(message(c, { text: t('en', 'talk:boss.practice.whatIsIt.private') }));
    expect(texts(typed.replies)[0]).toBe(say('talk:boss.practice.whatIsIt.privateFeedback'));
    // "My plan" is one message: the title, the talk, the rules; not a bubble per line.
    const plan = await bot.send(message(c, { text: 'my plan' }));
    const whole = texts(plan.replies)[0] as string;
    expect(whole.startsWith(say('common:plan.title'))).toBe(true);
    expect(whole).toContain(talk);
    expect(whole).toContain(say('talk:boss.rules.hours'));
  });
});

describe('buttons, typed text and commands', () => {
  async function toPhases(c: string, locale = 'en-GB') {
    await bot.send(message(c, { text: 'hi', locale }));
    await bot.send(message(c, { text: '1' }));
    return bot.send(message(c, { text: '4' })); // United Kingdom
  }

  it('a button of an earlier message still works; one of another perspective re-shows the current choices', async () => {
    const c = 'stale1';
    const phases = await toPhases(c);
    const diagnosisButton = buttonValue(phases.replies, t('en', 'employee:phases.diagnosis'));
    const relapseButton = buttonValue(phases.replies, t('en', 'employee:phases.relapse'));
    await bot.send(message(c, { value: diagnosisButton }));
    const earlier = await bot.send(message(c, { value: relapseButton }));
    expect(texts(earlier.replies)).not.toContain(t('en', 'common:stale'));
    expect(texts(earlier.replies)[0]).toBe(t('en', 'employee:relapse.intro'));
    await bot.send(message(c, { value: { kind: 'switchPerspective', perspective: 'employer' } }));
    const stale = await bot.send(message(c, { value: diagnosisButton }));
    expect(texts(stale.replies)[0]).toBe(t('en', 'common:stale'));
    expect(buttonValue(stale.replies, t('en', 'employer:phases.diagnosis'))).toMatchObject({
      state: 'employer.phases',
    });
  });

  it('unknown text, an empty message and an attachment-only message get a kind re-prompt with the choices', async () => {
    const c = 'unknown1';
    await toPhases(c);
    for (const [extra, key] of [
      [{ text: 'qwertyuiop' }, 'common:understand.noMatch'],
      [{ text: '' }, 'common:notUnderstood'],
      [{ attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }] }, 'common:notUnderstood'],
    ] as const) {
      const r = await bot.send(message(c, extra));
      // One message, then the choices.
      expect(texts(r.replies)).toEqual([t('en', key)]);
      expect(buttonValue(r.replies, t('en', 'employee:phases.diagnosis'))).toBeDefined();
    }
  });

  it('a forged button payload is treated as not understood', async () => {
    const c = 'forged1';
    await toPhases(c);
    const r = await bot.send(message(c, { value: { kind: 'choice', state: 'x'.repeat(5000), choice: 1 } }));
    expect(texts(r.replies)[0]).toBe(t('en', 'common:notUnderstood'));
  });

  it('commands work typed in the conversation’s language, with or without accents', async () => {
    const c = 'cmd1';
    await toPhases(c, 'fr-BE');
    let r = await bot.send(message(c, { text: 'AIDE' }));
    expect(texts(r.replies)).toContain(t('fr', 'common:help.commands'));
    r = await bot.send(message(c, { text: 'langue' }));
    expect(texts(r.replies)).toContain(t('fr', 'entry:language.ask'));
    r = await bot.send(message(c, { text: 'nederlands' }));
    expect(texts(r.replies)[0]).toBe(t('nl', 'employee:phases.intro'));
    r = await bot.send(message(c, { text: 'land' }));
    expect(texts(r.replies)).toContain(t('nl', 'entry:country.ask'));
  });

  it('saves a tip from its card button and lists it under my plan', async () => {
    const c = 'tip1';
    const phases = await toPhases(c);
    const r = await bot.send(
      message(c, { value: buttonValue(phases.replies, t('en', 'employee:phases.treatment')) }),
    );
    const carousel = r.replies.find((x) => x.attachments?.length);
    const card = carousel!.attachments![0]!.content as { title: string; buttons: { value: unknown }[] };
    const saved = await bot.send(message(c, { value: card.buttons[0]!.value }));
    expect(texts(saved.replies)[0]).toBe(t('en', 'common:tip.saved'));
    const plan = await bot.send(message(c, { text: 'my plan' }));
    const planCard = plan.replies.find((x) => x.attachments?.length)!.attachments![0]!.content as {
      title: string;
    };
    // Wherever a saved tip is shown again it is marked ✓ and offers to remove it.
    expect(planCard.title).toBe(`✓ ${card.title}`);
    const planButtons = (planCard as unknown as { buttons: { title: string }[] }).buttons;
    expect(planButtons[0]?.title).toBe(t('en', 'common:tip.remove'));
  });

  it('small talk gets a short natural answer and the current choices, in any language', async () => {
    const c = 'small1';
    const phases = await toPhases(c);
    const choices = (r: typeof phases) =>
      [...r.replies]
        .reverse()
        .find((x) => x.suggestedActions)
        ?.suggestedActions?.actions.map((a) => a.title);
    for (const [text, key] of [
      ['hi', 'common:smallTalk.greet'],
      ['Thank you!', 'common:smallTalk.thanks'],
      ['ok', 'common:smallTalk.ok'],
      ['who are you?', 'common:smallTalk.who'],
      ['are you a robot', 'common:smallTalk.who'],
      ['bye', 'common:smallTalk.bye'],
      ['bonjour', 'common:smallTalk.greet'],
      ['bedankt', 'common:smallTalk.thanks'],
    ] as const) {
      const r = await bot.send(message(c, { text }));
      expect(texts(r.replies)).toEqual([t('en', key, { days: 30 })]);
      expect(choices(r)).toEqual(choices(phases));
    }
  });

  it('Web Chat never shows the terminal’s "type the number of your choice"', async () => {
    const c = 'hint1';
    const phases = await toPhases(c);
    const seen = [...texts(phases.replies)];
    for (const id of ['employee:phases.treatment', 'employee:phases.diagnosis']) {
      const r = await bot.send(message(c, { value: buttonValue(phases.replies, t('en', id)) }));
      seen.push(...texts(r.replies));
      await bot.send(message(c, { text: 'menu' }));
    }
    seen.push(...texts((await bot.send(message(c, { text: 'my plan' }))).replies));
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).not.toContain(t('en', 'common:choiceHint'));
  });
});

describe('delete my data', () => {
  it('removes the conversation and the user at once, says so, and starts afresh next time', async () => {
    const c = 'del1';
    await bot.send(message(c, { text: 'hi' }));
    await bot.send(message(c, { text: '1' }));
    const keys = [`conv/emulator/${c}`, `user/emulator/user-${c}`];
    expect(Object.keys(await bot.app.storage.read(keys)).sort()).toEqual(keys.sort());
    const r = await bot.send(message(c, { text: 'delete my data' }));
    expect(texts(r.replies)[0]).toBe(t('en', 'common:delete.done'));
    expect(await bot.app.storage.read(keys)).toEqual({});
    const again = await bot.send(message(c, { text: 'hello' }));
    expect(texts(again.replies)[0]).toBe(t('en', 'entry:welcome.hello'));
  });
});

// Microsoft Teams (Adaptive Cards, Action.Submit, mentions, install events): tests/teams/teams-bot.test.ts.
