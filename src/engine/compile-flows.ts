import { and, assign, setup, type AnyStateMachine } from 'xstate';
import type { FlowChoice } from './flow-schema';
import type { ContentIndex, StateEntry } from './content-bundle';
import { ENTRY_FLOW } from './content-bundle';
import { choiceEvent, MACHINE_ID, resolveTarget } from './flow-ids';
import { ACTIONS, GUARDS, refName, refParams, type NamedRef } from './registry';
import type { Perspective, RoadmapContext } from './types';

// Guards are plain {type, params} refs or xstate's `and([...])`; typed loosely, validated at load.
type GuardConfig = { type: string; params?: Record<string, unknown> } | unknown;
interface TransitionConfig {
  target?: string;
  guard?: GuardConfig;
  actions?: { type: string; params?: Record<string, unknown> }[];
}

const toRef = (r: NamedRef) => ({ type: refName(r), params: refParams(r) });

/** The actions a choice runs: its own, plus recording the answer when the state asks a tool question. */
export function choiceActions(
  entry: StateEntry,
  choice: FlowChoice,
): { type: string; params: Record<string, unknown> }[] {
  const actions = (choice.actions ?? []).map(toRef);
  if (entry.def.ask)
    actions.unshift({ type: 'recordAnswer', params: { question: entry.def.ask, value: choice.id } });
  return actions;
}

function transitionsFor(
  index: ContentIndex,
  entry: StateEntry,
  choice: FlowChoice,
): TransitionConfig | TransitionConfig[] {
  const guard = choice.guard ? toRef(choice.guard) : undefined;
  const actions = choiceActions(entry, choice);
  const target = resolveTarget(entry.flow.id, choice.to);
  if (target === '$return') return { guard, actions };
  if (target === '$menu') {
    // Guards see the context before the choice's actions run: a choice that sets the perspective
    // goes straight to that perspective's menu.
    const sets = actions.find((a) => a.type === 'setPerspective')?.params.perspective as
      Perspective | undefined;
    const direct = sets && index.menus.get(sets);
    if (direct) return { target: `#${MACHINE_ID}.${direct}`, guard, actions };
    // Otherwise the menu of the perspective already chosen, by a guard per perspective; else the entry.
    const branches: TransitionConfig[] = [...index.menus].map(([perspective, menu]) => {
      const p: GuardConfig = { type: 'perspectiveIs', params: { perspective } };
      return {
        target: `#${MACHINE_ID}.${menu}`,
        guard: guard ? and([guard as never, p as never]) : p,
        actions,
      };
    });
    branches.push({ target: `#${MACHINE_ID}.${index.entryState}`, guard, actions });
    return branches;
  }
  return { target: `#${MACHINE_ID}.${target}`, guard, actions };
}

/** Compiles every flow file into one XState v5 machine: one compound state per flow, one event per choice. */
export function compileFlows(index: ContentIndex): AnyStateMachine {
  const flowStates: Record<string, unknown> = {};
  for (const [flowId, { flow }] of index.flows) {
    const states: Record<string, unknown> = {};
    for (const name of Object.keys(flow.states)) {
      const entry = index.states.get(`${flowId}.${name}`) as StateEntry;
      const on: Record<string, TransitionConfig | TransitionConfig[]> = {};
      for (const choice of entry.def.choices)
        on[choiceEvent(choice.id)] = transitionsFor(index, entry, choice);
      states[name] = { meta: { file: entry.file }, on };
    }
    flowStates[flowId] = { initial: flow.initial, states };
  }

  const guards = Object.fromEntries(
    Object.entries(GUARDS).map(([name, def]) => [
      name,
      ({ context }: { context: RoadmapContext }, params: Record<string, unknown>) =>
        def.test(context, params ?? {}),
    ]),
  );
  const actions = Object.fromEntries(
    Object.entries(ACTIONS).map(([name, def]) => [
      name,
      assign(({ context }: { context: RoadmapContext }, params: Record<string, unknown>) =>
        def.apply(context, params ?? {}),
      ),
    ]),
  );

  const machine = setup({
    types: { context: {} as RoadmapContext, input: {} as RoadmapContext },
    // The registry is typed loosely on purpose: flows are data, checked by validateFlows at load.
    guards: guards as never,
    actions: actions as never,
  }).createMachine({
    id: MACHINE_ID,
    context: ({ input }) => input,
    initial: ENTRY_FLOW,
    states: flowStates as never,
  });
  return machine as unknown as AnyStateMachine;
}
