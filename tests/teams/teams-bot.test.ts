import { createApp } from '../../src/app';
import { readConfig } from '../../src/config';
import { LmdbStorage } from '../../src/storage/lmdb-storage';
import { startBot, tempDir, type Reply, type TestBot } from '../helpers/http-bot';
import {
  adaptiveCards,
  BOT,
  cardButtons,
  buttonTitled,
  cardSubmit,
  CHANNEL,
  echoOf,
  installationUpdate,
  membersAdded,
  pressedValue,
  shownTexts,
  submitData,
  teamsMessage,
  user,
  type Scope,
} from './teams-activities';

/** Microsoft Teams over real HTTP: activities as Teams sends them, replies collected with expectReplies. */
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

const t = (lng: 'en' | 'nl' | 'fr', key: string, options?: Record<string, unknown>) =>
  bot.app.content.i18n.getFixedT(lng)(key, { days: 30, ...options }) as string;
const stored = async (key: string) => Object.keys(await bot.app.storage.read([key])).length > 0;
const personal = (conversation: string): Scope => ({ kind: 'personal', conversation });
const alice = user(1);
const bob = user(2);
// Language and country are remembered per Teams user across conversations: each test has its own people.

/** Checks every reply against what Teams shows and accepts. */
function expectWithinTeamsLimits(replies: Reply[]) {
  expect(replies.some((r) => r.suggestedActions)).toBe(false);
  for (const r of replies) {
    expect(JSON.stringify(r).length).toBeLessThan(28 * 1024);
    expect((r.attachments ?? []).length).toBeLessThanOrEqual(10);
  }
  for (const card of adaptiveCards(replies)) {
    expect(card.version).toBe('1.5');
    expect((card.actions ?? []).length).toBeLessThanOrEqual(6);
    for (const b of card.body) if (b.type === 'ActionSet') expect(b.actions!.length).toBeLessThanOrEqual(6);
  }
}

const welcomeTexts = (lng: 'en' | 'nl' | 'fr') => [
  t(lng, 'entry:welcome.hello'),
  t(lng, 'entry:welcome.privacy'),
  t(lng, 'entry:welcome.disclaimer'),
  t(lng, 'entry:welcome.who'),
];

describe('installed in personal scope', () => {
  it('conversationUpdate adding the bot welcomes the user once; the installationUpdate of the same install says nothing', async () => {
    const scope = personal('a:1install-cu-first');
    const alice = user(11);
    const added = await bot.send(membersAdded(scope, alice, [{ id: BOT.id }]));
    expect(added.status).toBe(200);
    expect(shownTexts(added.replies)).toEqual(welcomeTexts('en'));
    expect(submitData(added.replies, t('en', 'entry:who.employee'))).toMatchObject({ kind: 'choice' });
    expectWithinTeamsLimits(added.replies);

    const installed = await bot.send(installationUpdate(scope, alice, 'add'));
    expect(installed.status).toBe(200);
    expect(installed.replies).toEqual([]);
  });

  it('installationUpdate (add) welcomes in the user’s language; the conversationUpdate that follows says nothing', async () => {
    const scope = personal('a:1install-iu-first');
    const alice = user(12);
    const installed = await bot.send(installationUpdate(scope, alice, 'add', 'nl-BE'));
    expect(shownTexts(installed.replies)).toEqual(welcomeTexts('nl'));
    const added = await bot.send(membersAdded(scope, alice, [{ id: BOT.id }]));
    expect(added.replies).toEqual([]);
  });

  it('both events at the same moment (even with a slow store) still give one welcome', async () => {
    // Every read takes 150 ms, so both turns have read "no conversation yet" before either writes.
    const dir = tempDir();
    const store = LmdbStorage.open({ path: `${dir}/state`, ttlMs: 60_000 });
    const slow = Object.assign(Object.create(store) as typeof store, {
      read: async (keys: string[]) => {
        await new Promise((r) => setTimeout(r, 150));
        return store.read(keys);
      },
    });
    const app = createApp(readConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { storage: slow });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = app.server.address() as { port: number };
      const post = async (activity: Record<string, unknown>) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
        });
        return ((await res.json()) as { activities: Reply[] }).activities;
      };
      const scope = personal('a:1install-race');
      const alice = user(13);
      const [a, b] = await Promise.all([
        post(installationUpdate(scope, alice, 'add')),
        post(membersAdded(scope, alice, [{ id: BOT.id }])),
      ]);
      const all = [...a, ...b].filter((r) => r.type === 'message');
      expect(shownTexts(all)).toEqual(welcomeTexts('en'));
    } finally {
      await app.close();
    }
  });

  it('a reinstall over an existing conversation, and an app upgrade, send nothing; the conversation goes on', async () => {
    const scope = personal('a:1install-again');
    const alice = user(14);
    const first = await bot.send(installationUpdate(scope, alice, 'add'));
    await bot.send(cardSubmit(scope, alice, submitData(first.replies, t('en', 'entry:who.employee'))));
    expect((await bot.send(installationUpdate(scope, alice, 'add'))).replies).toEqual([]);
    expect((await bot.send(installationUpdate(scope, alice, 'add-upgrade'))).replies).toEqual([]);
    expect((await bot.send(installationUpdate(scope, alice, 'remove'))).replies).toEqual([]);
    const next = await bot.send(teamsMessage(scope, alice, 'belgium'));
    expect(shownTexts(next.replies)[0]).toBe(t('en', 'employee:phases.intro'));
  });
});

describe('Action.Submit', () => {
  it('the data of a card button arrives as value with an empty text, and is taken as the choice', async () => {
    const scope = personal('a:1submit');
    const alice = user(15);
    const hello = await bot.send(teamsMessage(scope, alice, 'hi'));
    const choice = await bot.send(
      cardSubmit(scope, alice, submitData(hello.replies, t('en', 'entry:who.employee'))),
    );
    expect(shownTexts(choice.replies)).toContain(t('en', 'entry:country.ask'));
    expect(cardButtons(choice.replies).map((a) => a.title)).toContain(t('en', 'entry:country.BE'));
    expectWithinTeamsLimits(choice.replies);
    const phases = await bot.send(
      cardSubmit(scope, alice, submitData(choice.replies, t('en', 'entry:country.BE'))),
    );
    expect(shownTexts(phases.replies)[0]).toBe(t('en', 'employee:phases.intro'));
    expectWithinTeamsLimits(phases.replies);
    // A state with more choices than a Teams action bar shows: every choice is a button of its own.
    const card = adaptiveCards(phases.replies).at(-1)!;
    expect(card.actions).toBeUndefined();
    expect(card.body.filter((b) => b.type === 'ActionSet').map((b) => b.actions![0]!.title)).toEqual(
      expect.arrayContaining([t('en', 'employee:phases.diagnosis'), t('en', 'employee:phases.relapse')]),
    );
  });

  it('a tip saved from its card shows in "my plan"', async () => {
    const scope = personal('a:1tip');
    const alice = user(16);
    const hello = await bot.send(teamsMessage(scope, alice, 'hi'));
    const country = await bot.send(
      cardSubmit(scope, alice, submitData(hello.replies, t('en', 'entry:who.employee'))),
    );
    const phases = await bot.send(
      cardSubmit(scope, alice, submitData(country.replies, t('en', 'entry:country.UK'))),
    );
    const treatment = await bot.send(
      cardSubmit(scope, alice, submitData(phases.replies, t('en', 'employee:phases.treatment'))),
    );
    expectWithinTeamsLimits(treatment.replies);
    const save = cardButtons(treatment.replies).find((a) => a.title === t('en', 'common:tip.save'))!;
    expect(echoOf(save)).toContain(t('en', 'common:tip.save'));
    const saved = await bot.send(cardSubmit(scope, alice, pressedValue(save)));
    expect(shownTexts(saved.replies)[0]).toBe(t('en', 'common:tip.saved'));
    const plan = await bot.send(teamsMessage(scope, alice, 'my plan'));
    // The plan as one message, then the saved tip's card marked ✓ with "remove".
    expect(shownTexts(plan.replies).some((x) => x.startsWith(t('en', 'common:plan.title')))).toBe(true);
    expect(shownTexts(plan.replies).some((x) => x.startsWith('✓ '))).toBe(true);
    expect(cardButtons(plan.replies).some((a) => a.title === t('en', 'common:tip.remove'))).toBe(true);
    expectWithinTeamsLimits(plan.replies);
  });
});

describe('a conversation that reads well in Teams', () => {
  async function toPhases(scope: Scope, who: ReturnType<typeof user>) {
    const hello = await bot.send(teamsMessage(scope, who, 'hi'));
    const country = await bot.send(
      cardSubmit(scope, who, submitData(hello.replies, t('en', 'entry:who.employee'))),
    );
    return bot.send(cardSubmit(scope, who, submitData(country.replies, t('en', 'entry:country.UK'))));
  }

  it('every card button echoes its label as the user’s message (messageBack), tips with their title', async () => {
    const scope = personal('a:echo');
    const who = user(30);
    const phases = await toPhases(scope, who);
    const buttons = cardButtons(phases.replies);
    expect(buttons.length).toBeGreaterThan(3);
    for (const b of buttons) {
      expect(b.type).toBe('Action.Submit');
      expect(echoOf(b)).toBe(b.title);
    }
    const treatment = await bot.send(
      cardSubmit(scope, who, submitData(phases.replies, t('en', 'employee:phases.treatment'))),
    );
    const save = buttonTitled(treatment.replies, t('en', 'common:tip.save'));
    const tipTitle = adaptiveCards(treatment.replies).find((c) => c.actions?.includes(save))!.body[0]!.text!;
    expect(echoOf(save)).toContain(tipTitle);
  });

  it('a button of an earlier card still works after later messages', async () => {
    const scope = personal('a:oldcard');
    const who = user(31);
    const phases = await toPhases(scope, who);
    await bot.send(cardSubmit(scope, who, submitData(phases.replies, t('en', 'employee:phases.diagnosis'))));
    await bot.send(teamsMessage(scope, who, 'thanks'));
    const relapse = await bot.send(
      cardSubmit(scope, who, submitData(phases.replies, t('en', 'employee:phases.relapse'))),
    );
    expect(shownTexts(relapse.replies)).not.toContain(t('en', 'common:stale'));
    expect(shownTexts(relapse.replies)[0]).toBe(t('en', 'employee:relapse.intro'));
  });

  it('greetings and thanks get a short answer and the current choices; no terminal hint anywhere', async () => {
    const scope = personal('a:smalltalk');
    const who = user(32);
    const phases = await toPhases(scope, who);
    const hi = await bot.send(teamsMessage(scope, who, 'hello'));
    expect(shownTexts(hi.replies)[0]).toBe(t('en', 'common:smallTalk.greet'));
    expect(cardButtons(hi.replies).map((b) => b.title)).toEqual(
      cardButtons(phases.replies).map((b) => b.title),
    );
    const thanks = await bot.send(teamsMessage(scope, who, 'thanks'));
    expect(shownTexts(thanks.replies)[0]).toBe(t('en', 'common:smallTalk.thanks'));
    const treatment = await bot.send(
      cardSubmit(scope, who, submitData(phases.replies, t('en', 'employee:phases.treatment'))),
    );
    for (const r of [phases, hi, thanks, treatment])
      for (const text of shownTexts(r.replies)) expect(text).not.toContain(t('en', 'common:choiceHint'));
    expectWithinTeamsLimits(treatment.replies);
  });

  it('"my plan" arrives as one message with the whole plan, not a bubble per line', async () => {
    const scope = personal('a:plan1');
    const who = user(33);
    const phases = await toPhases(scope, who);
    const treatment = await bot.send(
      cardSubmit(scope, who, submitData(phases.replies, t('en', 'employee:phases.treatment'))),
    );
    const saves = cardButtons(treatment.replies).filter((a) => a.title === t('en', 'common:tip.save'));
    await bot.send(cardSubmit(scope, who, pressedValue(saves[0]!)));
    await bot.send(cardSubmit(scope, who, pressedValue(saves[1]!)));
    const plan = await bot.send(teamsMessage(scope, who, 'my plan'));
    const planTexts = plan.replies.filter((r) => r.text?.startsWith(t('en', 'common:plan.title')));
    expect(planTexts).toHaveLength(1);
    const plainMessages = plan.replies.filter(
      (r) => r.type === 'message' && r.text && !r.attachments?.length,
    );
    expect(plainMessages).toHaveLength(1);
    // The plan comes first, then the saved tips' cards; the choices card after them asks neutrally.
    expect(plan.replies[0]).toBe(planTexts[0]);
    expect(shownTexts(plan.replies)).toContain(t('en', 'common:choosePrompt'));
  });
});

describe('in a team channel', () => {
  const channel: Scope = { kind: 'channel' };

  it('answers an @mention, with the mention stripped: "<at>Roadmap</at> help" runs the help command', async () => {
    const alice = user(17);
    const first = await bot.send(teamsMessage(channel, alice, 'hi', { mention: true }));
    expect(first.status).toBe(200);
    // The first answer in a shared chat says everyone can read along, then the welcome.
    expect(shownTexts(first.replies)).toEqual([t('en', 'teams:shared.notice'), ...welcomeTexts('en')]);
    expectWithinTeamsLimits(first.replies);

    const help = await bot.send(
      teamsMessage({ kind: 'channel', thread: '1700000000555' }, alice, 'help', { mention: true }),
    );
    expect(shownTexts(help.replies)).toContain(t('en', 'common:help.commands'));
    expect(shownTexts(help.replies)).not.toContain(t('en', 'common:notUnderstood'));
  });

  it('reads a command after the mention in the user’s language, and ignores other people’s mentions', async () => {
    const dutch = user(7);
    const scope: Scope = { kind: 'channel', thread: '1700000000777' };
    await bot.send(teamsMessage(scope, dutch, 'hallo', { mention: true, locale: 'nl-BE' }));
    const r = await bot.send(
      teamsMessage(scope, dutch, 'hulp', { mention: true, mentionOthers: [bob], locale: 'nl-BE' }),
    );
    expect(shownTexts(r.replies)).toContain(t('nl', 'common:help.commands'));
  });

  it('gives no reply, and stores nothing, for a message that does not mention the bot', async () => {
    const quiet = user(5);
    const plain = await bot.send(teamsMessage(channel, quiet, 'help'));
    expect(plain.status).toBe(200);
    expect(plain.replies).toEqual([]);
    const other = await bot.send(teamsMessage(channel, quiet, 'help', { mentionOthers: [bob] }));
    expect(other.replies).toEqual([]);
    expect(await stored(`conv/msteams/${CHANNEL}/${quiet.aadObjectId}`)).toBe(false);
  });

  it('keeps each person’s conversation apart: one person’s card pressed by another does not touch the first one’s plan', async () => {
    const carol = user(3);
    const dave = user(4);
    const c1 = await bot.send(teamsMessage(channel, carol, 'hi', { mention: true }));
    const employee = submitData(c1.replies, t('en', 'entry:who.employee'));
    // Card buttons in a channel arrive without a mention, and are answered.
    const carolNext = await bot.send(cardSubmit(channel, carol, employee));
    expect(shownTexts(carolNext.replies)).toContain(t('en', 'entry:country.ask'));

    // Dave presses the same button in the channel: he gets his own start, not Carol's next step.
    const daveTurn = await bot.send(cardSubmit(channel, dave, employee));
    expect(shownTexts(daveTurn.replies)).toEqual([t('en', 'teams:shared.notice'), ...welcomeTexts('en')]);

    const carolKey = `conv/msteams/${CHANNEL}/${carol.aadObjectId}`;
    const daveKey = `conv/msteams/${CHANNEL}/${dave.aadObjectId}`;
    const items = await bot.app.storage.read([carolKey, daveKey]);
    expect((items[carolKey] as { state: string }).state).not.toBe(
      (items[daveKey] as { state: string }).state,
    );

    // Carol's conversation is where she left it, in any thread of the channel.
    const carolCountry = await bot.send(
      teamsMessage({ kind: 'channel', thread: '1700000000888' }, carol, 'belgium', { mention: true }),
    );
    expect(shownTexts(carolCountry.replies)[0]).toBe(t('en', 'employee:phases.intro'));
  });

  it('installed in a team: one short message on how to talk to the bot there; people joining are not greeted', async () => {
    const installed = await bot.send(installationUpdate(channel, alice, 'add'));
    expect(installed.replies.map((r) => r.text)).toEqual([t('en', 'teams:install.shared')]);
    expect((await bot.send(membersAdded(channel, alice, [{ id: BOT.id }]))).replies).toEqual([]);
    expect((await bot.send(membersAdded(channel, alice, [{ id: user(9).id }]))).replies).toEqual([]);
  });
});

describe('in a group chat', () => {
  it('answers only when mentioned, and keeps two people’s plans apart in the same chat', async () => {
    const chat: Scope = { kind: 'groupChat', conversation: '19:groupchat-0123@thread.v2' };
    const [alice, bob] = [user(18), user(19)];
    expect((await bot.send(teamsMessage(chat, alice, 'hi'))).replies).toEqual([]);
    const a = await bot.send(teamsMessage(chat, alice, 'hi', { mention: true }));
    await bot.send(cardSubmit(chat, alice, submitData(a.replies, t('en', 'entry:who.employee'))));
    const b = await bot.send(teamsMessage(chat, bob, 'hi', { mention: true, locale: 'fr-BE' }));
    expect(shownTexts(b.replies)).toEqual([t('fr', 'teams:shared.notice'), ...welcomeTexts('fr')]);
    const alicePlan = await bot.send(teamsMessage(chat, alice, 'belgium', { mention: true }));
    expect(shownTexts(alicePlan.replies)[0]).toBe(t('en', 'employee:phases.intro'));
  });
});
