import type { ContentIndex, StateEntry } from './content-bundle';
import { COMMAND_STATES, ENTRY_FLOW } from './content-bundle';
import type { FlowMessage, FlowScript, ScriptLine } from './flow-schema';
import { resolveTarget } from './flow-ids';
import { ACTIONS, GUARDS, refName, refParams, type NamedRef } from './registry';

/**
 * Graph and cross-reference checks over the parsed flows (the schema was checked while parsing).
 * Every problem names the file, the state and what to fix. `hasKey` answers whether an i18n key
 * (namespace:path) exists in every language; pass it to check keys as well.
 */
export function validateContent(index: ContentIndex, hasKey?: (key: string) => boolean): string[] {
  const errors: string[] = [];
  const at = (e: StateEntry, what: string) => `${e.file} › state "${e.name}"${what ? ` › ${what}` : ''}`;

  if (!index.flows.has(ENTRY_FLOW))
    errors.push(`flows/: no "${ENTRY_FLOW}" flow. Fix: add flows/entry.yaml.`);
  for (const { file, flow } of index.flows.values()) {
    if (!flow.states[flow.initial])
      errors.push(`${file}: initial state "${flow.initial}" does not exist. Fix: name one of its states.`);
    if (flow.menu && !flow.states[flow.menu])
      errors.push(`${file}: menu state "${flow.menu}" does not exist. Fix: name one of its states.`);
  }
  for (const [name, id] of Object.entries(COMMAND_STATES))
    if (!index.states.has(id))
      errors.push(`flows/entry.yaml: the "${name}" command needs a state "${id}". Fix: add it.`);

  const checkRef = (e: StateEntry, what: string, ref: NamedRef, kind: 'guard' | 'action') => {
    const registry = kind === 'guard' ? GUARDS : ACTIONS;
    const def = registry[refName(ref)];
    if (!def) {
      errors.push(
        `${at(e, what)}: unknown ${kind} "${refName(ref)}". Fix: use one of ${Object.keys(registry).join(', ')}.`,
      );
      return;
    }
    const problem = def.check(refParams(ref));
    if (problem) errors.push(`${at(e, what)}: ${kind} "${refName(ref)}": ${problem}.`);
  };
  const checkKey = (e: StateEntry, what: string, key: string) => {
    if (!/^[a-z]+:[\w.-]+$/.test(key))
      errors.push(
        `${at(e, what)}: "${key}" is not an i18n key. Fix: write namespace:path, e.g. employee:diagnosis.intro.`,
      );
    else if (hasKey && !hasKey(key))
      errors.push(
        `${at(e, what)}: i18n key "${key}" is missing in a language. Fix: add it to locales/en, nl and fr.`,
      );
  };
  const messageKey = (m: FlowMessage) => (typeof m === 'string' ? m : m.key);

  for (const e of index.states.values()) {
    e.def.say.forEach((m, i) => checkKey(e, `say[${i}]`, messageKey(m)));
    const seen = new Set<string>();
    for (const choice of e.def.choices) {
      const what = `choice "${choice.id}"`;
      if (seen.has(choice.id))
        errors.push(`${at(e, what)}: duplicate choice id. Fix: give each choice its own id.`);
      seen.add(choice.id);
      checkKey(e, `${what} label`, choice.label);
      if (choice.plan) checkKey(e, `${what} plan`, choice.plan);
      if (choice.reply) checkKey(e, `${what} reply`, choice.reply);
      if (choice.say) checkKey(e, `${what} say`, choice.say);
      if (choice.say && !choice.reply && !choice.plan)
        errors.push(
          `${at(e, what)}: "say" is shown through reply or plan. Fix: add reply: or plan:, or remove say.`,
        );
      if (choice.plan && !e.def.ask)
        errors.push(
          `${at(e, what)}: "plan" only makes sense in a state that asks a tool question. Fix: add ask: or remove plan.`,
        );
      if (choice.guard) checkRef(e, `${what} guard`, choice.guard, 'guard');
      for (const a of choice.actions ?? []) checkRef(e, `${what} action`, a, 'action');
      const target = resolveTarget(e.flow.id, choice.to);
      if (!target.startsWith('$') && !index.states.has(target))
        errors.push(
          `${at(e, what)}: target "${choice.to}" does not exist. Fix: name a state of this flow or flow:state.`,
        );
      if (target.startsWith('$') && target !== '$menu' && target !== '$return')
        errors.push(`${at(e, what)}: unknown special target "${choice.to}". Fix: use $menu or $return.`);
    }
    for (const tip of e.def.tips)
      if (!index.tips.has(tip))
        errors.push(`${at(e, `tip "${tip}"`)}: not in flows/tips.yaml. Fix: add it there.`);
    for (const [country, facts] of Object.entries(e.def.facts))
      for (const f of facts ?? []) {
        if (!index.facts[f])
          errors.push(
            `${at(e, `facts ${country}`)}: fact "${f}" is not in flows/facts/. Fix: add it there with its sources.`,
          );
        else if (!f.startsWith(`${country}-`))
          errors.push(
            `${at(e, `facts ${country}`)}: fact "${f}" belongs to another country. Fix: list it under its own country.`,
          );
      }
    if (e.def.script) errors.push(...scriptProblems(index, e, checkKey));
    if (e.def.summary && ![...index.states.values()].some((s) => s.def.ask?.startsWith(`${e.def.summary}.`)))
      errors.push(
        `${at(e, 'summary')}: no state asks a question of tool "${e.def.summary}". Fix: add ask: ${e.def.summary}.<question>.`,
      );
  }

  for (const tip of index.tips.values()) {
    for (const f of tip.facts)
      if (!index.facts[f])
        errors.push(
          `flows/tips.yaml › tip "${tip.id}": fact "${f}" is not in flows/facts/. Fix: add it there with its sources.`,
        );
    if (hasKey) {
      for (const part of ['title', 'body'])
        if (!hasKey(`tips:${tip.id}.${part}`))
          errors.push(
            `flows/tips.yaml › tip "${tip.id}": i18n key "tips:${tip.id}.${part}" is missing in a language. Fix: add it to locales/*/tips.json.`,
          );
    }
  }

  // A guided tool belongs to one flow: its answers are stored as `<tool>.<question>`.
  const toolFlow = new Map<string, string>();
  for (const e of index.states.values()) {
    const tool = e.def.ask?.split('.')[0];
    if (!tool) continue;
    const owner = toolFlow.get(tool);
    if (owner && owner !== e.file)
      errors.push(
        `${at(e, 'ask')}: tool "${tool}" is also used in ${owner}. Fix: give each flow's tool its own name.`,
      );
    else toolFlow.set(tool, e.file);
  }

  errors.push(...unreachable(index));
  return errors;
}

/**
 * A talk's lines: every wording exists in each tone, every answer a line depends on is asked by a state of the
 * tool with that choice, every part can be said (its last line has no condition, or its conditions cover all
 * answers of the question), and the rules' facts exist for their country.
 */
function scriptProblems(
  index: ContentIndex,
  e: StateEntry,
  checkKey: (e: StateEntry, what: string, key: string) => void,
): string[] {
  const script = e.def.script as FlowScript;
  const errors: string[] = [];
  const where = (what: string) => `${e.file} › state "${e.name}" › script › ${what}`;
  const asked = new Map<string, string[]>();
  for (const s of index.states.values())
    if (s.def.ask)
      asked.set(
        s.def.ask,
        s.def.choices.map((c) => c.id),
      );
  checkKey(e, 'script frame', script.frame);
  const checkWhen = (line: ScriptLine, what: string) => {
    for (const [question, values] of Object.entries(line.when ?? {})) {
      const choices = asked.get(question);
      if (!choices) {
        errors.push(`${where(what)}: no state asks "${question}". Fix: name a question a state asks (ask:).`);
        continue;
      }
      for (const v of [values].flat())
        if (!choices.includes(v))
          errors.push(
            `${where(what)}: "${question}" has no choice "${v}". Fix: use one of ${choices.join(', ')}.`,
          );
    }
  };
  script.parts.forEach((part, i) =>
    part.forEach((line, j) => {
      checkWhen(line, `part ${i + 1} line ${j + 1}`);
      for (const tone of script.tones)
        checkKey(e, `script part ${i + 1} line ${j + 1}`, `${line.key}.${tone}`);
    }),
  );
  script.rules.forEach((rule, i) => {
    checkWhen(rule, `rule ${i + 1}`);
    checkKey(e, `script rule ${i + 1}`, rule.key);
    for (const [country, facts] of Object.entries(rule.facts ?? {}))
      for (const f of facts ?? [])
        if (!index.facts[f] || !f.startsWith(`${country}-`))
          errors.push(
            `${where(`rule ${i + 1} facts ${country}`)}: fact "${f}" is not a ${country} fact in flows/facts/. Fix: cite one there.`,
          );
  });
  return errors;
}

/** States that no path from the entry (or from a command) reaches. */
function unreachable(index: ContentIndex): string[] {
  const seen = new Set<string>();
  const queue = [index.entryState, ...Object.values(COMMAND_STATES), ...index.menus.values()].filter((s) =>
    index.states.has(s),
  );
  while (queue.length) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const e = index.states.get(id) as StateEntry;
    for (const choice of e.def.choices) {
      const target = resolveTarget(e.flow.id, choice.to);
      if (target === '$menu') queue.push(...index.menus.values(), index.entryState);
      else if (!target.startsWith('$') && index.states.has(target)) queue.push(target);
    }
  }
  return [...index.states.values()]
    .filter((e) => !seen.has(e.id))
    .map(
      (e) =>
        `${at0(e)}: unreachable: no choice leads here. Fix: add a choice with to: ${e.name}, or remove the state.`,
    );
}
const at0 = (e: StateEntry) => `${e.file} › state "${e.name}"`;
