import { message, startBot, texts, type TestBot } from '../helpers/http-bot';

/**
 * Azure Direct Line sends conversationUpdate (members added) when a web chat starts, and the widget
 * sends its webchat/join event: the user must be greeted once, in the page's language.
 */
describe('web chat over Azure Direct Line', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });
  const t = (key: string) => bot.app.content.i18n.getFixedT('nl')(key, { days: 30 }) as string;

  it('greets once, on the join event, not on members added', async () => {
    const base = { channelId: 'directline', from: { id: 'dl_user1' }, locale: undefined };
    const added = await bot.send(
      message('azure1', {
        ...base,
        type: 'conversationUpdate',
        membersAdded: [{ id: 'bot' }, { id: 'dl_user1' }],
      }),
    );
    expect(added.status).toBe(200);
    expect(texts(added.replies)).toEqual([]);
    const join = await bot.send(
      message('azure1', {
        ...base,
        type: 'event',
        name: 'webchat/join',
        locale: 'nl-BE',
        value: { country: 'BE' },
      }),
    );
    expect(texts(join.replies).length).toBeGreaterThan(0);
    expect(texts(join.replies).join(' ')).toContain(t('entry:welcome.who'));
  });

  it('the Emulator is still greeted when a member is added', async () => {
    const added = await bot.send(
      message('emu1', { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, { id: 'user-emu1' }] }),
    );
    expect(texts(added.replies).length).toBeGreaterThan(0);
  });
});
