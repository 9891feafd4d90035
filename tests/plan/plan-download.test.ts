import { createPlanLinkSigner } from '../../src/plan/plan-links';
import { message, startBot, texts, type Reply, type TestBot } from '../helpers/http-bot';
import { pdfText } from '../helpers/pdf-text';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ PUBLIC_URL: 'http://plan.test' });
});
afterAll(async () => {
  await bot.close();
});

const t = (key: string, options?: Record<string, unknown>) =>
  bot.app.content.i18n.getFixedT('fr')(key, { days: 30, hours: 24, ...options }) as string;

/** The local path of a link the bot handed out (PUBLIC_URL is only used to build it). */
const local = (url: string) => `${bot.url}${new URL(url).pathname}`;

function links(replies: Reply[]): { pdf: string; md: string } {
  const line = texts(replies).find((x) => x.includes('/plan/'));
  if (!line) throw new Error(`no plan links in ${JSON.stringify(texts(replies))}`);
  const urls = [...line.matchAll(/\((http[^)]+)\)/g)].map((m) => m[1] as string);
  return { pdf: urls.find((u) => u.endsWith('.pdf'))!, md: urls.find((u) => u.endsWith('.md'))! };
}

async function conversationWithAPlan(c: string) {
  await bot.send(message(c, { text: 'bonjour', locale: 'fr-BE' }));
  await bot.send(message(c, { text: '1' })); // employee
  await bot.send(message(c, { text: 'Belgique' }));
  const diag = await bot.send(message(c, { text: t('employee:phases.diagnosis') }));
  const card = diag.replies.find((r) => r.attachments?.length)!.attachments![0]!.content as {
    title: string;
    buttons: { value: unknown }[];
  };
  await bot.send(message(c, { value: card.buttons[0]!.value })); // save the first tip
  for (const answer of ['boss', 'absence', 'hours', 'myself', 'written', 'company'])
    await bot.send(
      message(c, { text: String(answer === 'boss' ? t('employee:diagnosis.boss') : answerLabel(answer)) }),
    );
  return card.title;
}
const answerLabel = (id: string) =>
  ({
    absence: t('employee:boss.share.absence'),
    hours: t('employee:boss.support.hours'),
    myself: t('employee:boss.colleagues.myself'),
    written: t('talk:boss.contact.written'),
    company: t('employee:boss.when.company'),
  })[id];

describe('take-home plan', () => {
  it('"my plan" offers a download; the links give a PDF and Markdown in the user’s language', async () => {
    const tipTitle = await conversationWithAPlan('plan1');
    const plan = await bot.send(message('plan1', { text: 'mon plan' }));
    const buttons = [...plan.replies].reverse().find((r) => r.suggestedActions)!.suggestedActions!.actions;
    expect(buttons[0]?.title).toBe(t('common:plan.download'));
    const dl = await bot.send(message('plan1', { value: buttons[0]!.value }));
    const { pdf, md } = links(dl.replies);
    expect(pdf.startsWith('http://plan.test/plan/')).toBe(true);

    const pdfRes = await fetch(local(pdf));
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await pdfRes.arrayBuffer());
    expect(body.subarray(0, 4).toString()).toBe('%PDF');
    // Lines wrap in the PDF: compare with white space folded.
    const fold = (x: string) => x.replace(/[\s\u00b7]+/g, ' ').trim();
    const text = fold(pdfText(body));
    expect(text).toContain(fold(t('common:plan.title')));
    expect(text).toContain(fold(tipTitle));
    // "My talk with my boss": the talk paragraph by paragraph, then the rule for fewer hours in Belgium.
    expect(text).toContain(fold(t('talk:boss.title')));
    expect(text).toContain(fold(t('talk:boss.script.share.absence.plain')));
    expect(text).toContain(fold(t('talk:boss.rules.hours', { context: 'BE' })));
    // The country's rights line is in the PDF too, not only in the chat.
    expect(text).toContain(fold(t('employee:boss.plan.rights', { context: 'BE' })));
    expect(text).toContain(t('common:plan.page', { page: 1, pages: 1 }).slice(0, 6));
    // A header with the guide, the country and the date; a tagged (accessible) PDF in the user's language.
    expect(text).toContain(fold(t('common:plan.guide.employee')));
    expect(text).toContain(fold(t('common:plan.country', { country: t('entry:country.BE') })));
    const raw = body.toString('latin1');
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/Lang \(fr\)/);

    const mdRes = await fetch(local(md));
    expect(mdRes.status).toBe(200);
    const mdText = await mdRes.text();
    expect(mdText).toContain(`### ${tipTitle}`);
    expect(mdText).toContain(`> ${t('talk:boss.script.colleagues.myself.plain')}`);
    expect(mdText).toMatch(/https:\/\/www\.|http:\/\/www\./); // sources of the Belgian facts
    expect(mdText).toContain(t('common:plan.generalInfo'));
  });

  it('a tampered, foreign or expired link is refused with 404; after "delete my data" the link is dead', async () => {
    await conversationWithAPlan('plan2');
    const dl = await bot.send(message('plan2', { text: 'télécharger mon plan' }));
    const { pdf, md } = links(dl.replies);
    expect((await fetch(local(md))).status).toBe(200);

    const token = new URL(md).pathname.split('/')[2] as string;
    const [payload, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ k: 'conv/emulator/plan1', e: Date.now() + 1e9 })).toString(
      'base64url',
    );
    for (const bad of [`${payload}.${sig.slice(0, -2)}xx`, `${forged}.${sig}`, 'nonsense', `${payload}`])
      expect((await fetch(`${bot.url}/plan/${bad}/my-plan.md`)).status).toBe(404);

    const other = createPlanLinkSigner('another-secret-another-secret-123456', 1000).sign(
      'conv/emulator/plan2',
      Date.now(),
    );
    expect((await fetch(`${bot.url}/plan/${other}/my-plan.pdf`)).status).toBe(404);
    expect((await fetch(`${bot.url}/plan/${token}/other.txt`)).status).toBe(404);
    const expired = createPlanLinkSigner('x'.repeat(40), 1000);
    expect(expired.verify(expired.sign('k', 0), 999)).toBe('k');
    expect(expired.verify(expired.sign('k', 0), 1001)).toBeNull();

    // The file's name is in the user's language, and so is the answer once the plan is gone.
    expect(pdf.endsWith(`/${t('common:plan.fileName')}.pdf`)).toBe(true);
    expect(t('common:plan.fileName')).toBe('mon-plan');
    await bot.send(message('plan2', { text: 'supprimer mes données' }));
    const gone = await fetch(local(pdf));
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toBe(t('common:plan.linkGone'));
    expect((await fetch(local(md))).status).toBe(404);
  });
});
