import type { ContentIndex, StateEntry } from './content-bundle';
import { resolveTarget } from './flow-ids';
import type { RoadmapContext } from './types';

/**
 * Where typed text may take a user ("jump"): states that cover topics, except the inside of a guided
 * tool. A tool's questions and its summary fold into the tool's first question, so a jump starts a
 * tool at its beginning. Pure and derived from the flows only, so understanding and engine agree.
 */
export interface JumpTargets {
  /** Every state id → the state a jump to it lands on (itself, or its tool's first question); null: none. */
  canonical: Map<string, string | null>;
  /** The label key of the choice that normally leads to a target: a short name for "did you mean". */
  labels: Map<string, string>;
  /** Tip id → the first jump target of the tip's perspective that lists it ("more on this"). */
  tipHomes: Map<string, string>;
}

function toolOf(e: StateEntry): string | undefined {
  return e.def.summary ?? e.def.ask?.split('.')[0];
}

export function jumpTargets(index: ContentIndex): JumpTargets {
  const inbound = new Map<string, { from: StateEntry; label: string }[]>();
  for (const e of index.states.values())
    for (const c of e.def.choices) {
      const to = resolveTarget(e.flow.id, c.to);
      if (to.startsWith('$') || to === e.id) continue;
      inbound.set(to, [...(inbound.get(to) ?? []), { from: e, label: c.label }]);
    }

  /**
   * The first question of the tool a state belongs to: the tool's question that no other question of
   * the same tool leads to (a summary's "start again" does not count), found by walking backwards.
   */
  const asks = (e: StateEntry, tool: string) => e.def.ask?.split('.')[0] === tool;
  const toolStart = (e: StateEntry, seen = new Set<string>()): StateEntry | null => {
    const tool = toolOf(e);
    if (!tool || seen.has(e.id)) return null;
    seen.add(e.id);
    const inner = (inbound.get(e.id) ?? []).filter((i) => asks(i.from, tool));
    if (!inner.length) return e.def.summary ? null : e;
    for (const i of inner) {
      const start = toolStart(i.from, seen);
      if (start) return start;
    }
    return null;
  };

  const canonical = new Map<string, string | null>();
  const labels = new Map<string, string>();
  for (const e of index.states.values()) {
    let target: StateEntry | null = e.def.topics.length ? e : null;
    if (target && toolOf(e)) target = toolStart(e);
    canonical.set(e.id, target?.id ?? null);
    if (target !== e) continue;
    // Prefer the way in from the same flow (the menu's wording), then any other.
    const ins = inbound.get(e.id) ?? [];
    const label = (ins.find((i) => i.from.flow.id === e.flow.id) ?? ins[0])?.label;
    const first = e.def.say[0];
    labels.set(e.id, label ?? (typeof first === 'string' ? first : (first?.key ?? '')));
  }
  const tipHomes = new Map<string, string>();
  for (const e of index.states.values())
    if (canonical.get(e.id) === e.id)
      for (const t of e.def.tips)
        if (!tipHomes.has(t) && index.tips.get(t)?.perspective === e.flow.perspective) tipHomes.set(t, e.id);
  return { canonical, labels, tipHomes };
}

/**
 * A jump may land in the user's own perspective's flow, or in a shared state (a flow without a
 * perspective, such as "talk to someone"). Before a perspective is chosen, any perspective's flow.
 */
export function jumpAllowed(
  index: ContentIndex,
  jumps: JumpTargets,
  stateId: string,
  ctx: RoadmapContext,
): boolean {
  const e = index.states.get(stateId);
  if (!e || jumps.canonical.get(stateId) !== stateId) return false;
  const p = e.flow.perspective;
  return !p || !ctx.perspective || p === ctx.perspective;
}
