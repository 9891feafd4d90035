import { step } from '../../src/engine/step';
import { engine, press, walk } from '../helpers/engine';

const keys = (r: { view: { messages: { key: string }[] } }) => r.view.messages.map((m) => m.key);
/** "My plan" is one message: the keys of its paragraphs. */
const planKeys = (r: { view: { messages: { key: string; parts?: { key: string }[] }[] } }) => {
  expect(r.view.messages.map((m) => m.key)).toEqual(['common:plan.whole']);
  return r.view.messages[0]?.parts?.map((p) => p.key) ?? [];
};
const parts = (r: { view: { messages: { key: string; parts?: { key: string }[] }[] } }) =>
  r.view.messages.find((m) => m.parts)?.parts?.map((p) => p.key) ?? [];

describe('talks for the other sides', () => {
  it('employer: words for the first talk, what to avoid in the country, and the employee’s likely question', () => {
    const r = walk(['employer', 'NL', 'diagnosis', 'talkTool', 'first']);
    expect(r.view.state).toBe('employer.talkScript');
    expect(parts(r)).toEqual([
      'talk:employer.script.first.open.plain',
      'talk:employer.script.first.listen.plain',
      'talk:employer.script.first.work.plain',
      'talk:employer.script.first.close.plain',
    ]);
    expect(r.view.messages).toContainEqual({ key: 'talk:employer.avoid.first', context: 'NL' });
    expect(keys(r)).toContain('talk:employer.theirQuestions.first');
    expect(r.view.sources.map((s) => s.fact)).toContain('NL-3');
    // Another talk starts afresh; the talk with the team is there too.
    const other = step(engine(), r.persisted, press(r, 'other'), 2);
    expect(other.view.state).toBe('employer.talkWhich');
    const team = step(engine(), other.persisted, press(other, 'team'), 3);
    expect(parts(team)[1]).toBe('talk:employer.script.team.share.plain');
  });

  it('employer: the talk goes into the plan', () => {
    const r = walk(['employer', 'BE', 'returnPrep', 'talkTool', 'return']);
    const plan = step(engine(), r.persisted, { kind: 'command', name: 'plan' }, 2);
    expect(planKeys(plan)).toEqual(expect.arrayContaining(['talk:employer.title', 'talk:employer.frame']));
  });

  it('employee: words for colleagues that keep private what the user keeps private', () => {
    const r = walk(['employee', 'FR', 'diagnosis', 'colleaguesTalk', 'nothing', 'help']);
    expect(r.view.state).toBe('employee.collTalk');
    expect(parts(r)).toEqual([
      'talk:colleagues.script.open.private.plain',
      'talk:colleagues.script.share.nothing.plain',
      'talk:colleagues.script.wish.help.plain',
      'talk:colleagues.script.close.plain',
    ]);
    const warm = step(engine(), r.persisted, press(r, 'warmer'), 2);
    expect(parts(warm)[0]).toBe('talk:colleagues.script.open.private.warm');
  });

  it('health professional: the few minutes about work as words to say, from the three choices', () => {
    const r = walk(['health', 'UK', 'diagnosis', 'raiseWork', 'treatment', 'worries', 'note']);
    expect(r.view.state).toBe('health.raiseWorkPlan');
    expect(parts(r)).toEqual([
      'talk:health.script.open.treatment.plain',
      'talk:health.script.question.worries.plain',
      'talk:health.script.choice.plain',
      'talk:health.script.offer.note.plain',
    ]);
  });

  it('job coach: words to prepare the client’s talk with the employer', () => {
    const r = walk(['coach', 'BE', 'returnPrep', 'employer']);
    expect(r.view.state).toBe('coach.employerTalk');
    expect(parts(r)).toHaveLength(5);
  });
});
