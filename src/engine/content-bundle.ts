import type { Facts, FlowFile, FlowState, Publishers, Tip } from './flow-schema';
import type { Perspective } from './types';

/** Everything the engine needs, already parsed: flows, the tips catalogue and fact sources. */
export interface ContentBundle {
  flows: { file: string; flow: FlowFile }[];
  tips: Tip[];
  facts: Facts;
  /** Who publishes the facts' sources (flows/facts/publishers.yaml). */
  publishers: Publishers;
  /** Which file each fact came from, for messages that name the file. */
  factFiles?: Record<string, string>;
}

export interface StateEntry {
  id: string;
  file: string;
  flow: FlowFile;
  name: string;
  def: FlowState;
}

/** Indexes over the content, built once. */
export interface ContentIndex {
  states: Map<string, StateEntry>;
  flows: Map<string, { file: string; flow: FlowFile }>;
  tips: Map<string, Tip>;
  facts: Facts;
  publishers: Publishers;
  /** The perspective menus, e.g. employee → `employee.phases`. */
  menus: Map<Perspective, string>;
  entryState: string;
  /** `entry@1+employee@3`: changes whenever a flow file's version changes. */
  version: string;
}

export const ENTRY_FLOW = 'entry';
/** States the global commands lead to; they count as reachable roots. */
export const COMMAND_STATES = {
  language: 'entry.language',
  country: 'entry.setCountry',
  talk: 'entry.talk',
} as const;

export function indexContent(bundle: ContentBundle): ContentIndex {
  const states = new Map<string, StateEntry>();
  const flows = new Map<string, { file: string; flow: FlowFile }>();
  const menus = new Map<Perspective, string>();
  for (const { file, flow } of bundle.flows) {
    flows.set(flow.id, { file, flow });
    for (const [name, def] of Object.entries(flow.states)) {
      const id = `${flow.id}.${name}`;
      states.set(id, { id, file, flow, name, def });
    }
    if (flow.perspective) menus.set(flow.perspective, `${flow.id}.${flow.menu ?? flow.initial}`);
  }
  const entry = flows.get(ENTRY_FLOW);
  const entryState = entry ? `${ENTRY_FLOW}.${entry.flow.initial}` : '';
  const version = bundle.flows
    .map(({ flow }) => `${flow.id}@${flow.version}`)
    .sort()
    .join('+');
  return {
    states,
    flows,
    tips: new Map(bundle.tips.map((t) => [t.id, t])),
    facts: bundle.facts,
    publishers: bundle.publishers,
    menus,
    entryState,
    version,
  };
}
