import type { ContentIndex } from '../engine/content-bundle';
import { resolveTarget, stateId } from '../engine/flow-ids';
import type { FlowFile, NamedRef } from '../engine/flow-schema';

/**
 * A flow as a diagram for the people who edit it: its states (name and first words, in the language asked),
 * the choices between them (their button label, and the guard that may hide one, by name), and each guided
 * tool's states grouped as a cluster. Drawn from the compiled content, so it is always the roadmap the bot
 * runs. Two forms of the same graph: Graphviz DOT (rendered to SVG) and Mermaid (for docs that render it).
 * Pure: the caller gives the translation function.
 */
export interface DiagramNode {
  id: string;
  name: string;
  /** The state's first message, shortened. */
  text: string;
  /** The guided tool the state belongs to (from `ask` or `summary`), if any. */
  tool?: string;
  initial: boolean;
}

export interface DiagramEdge {
  from: string;
  /** A state id, or `$return` (back to where the user came from). */
  to: string;
  label: string;
  guard?: string;
}

export interface FlowDiagram {
  flow: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** The flow's menu: choices back to it from other states are counted, not drawn (they would be most edges). */
  menu?: string;
  toMenu: number;
}

const MAX_TEXT = 48;
const shorten = (s: string, max = MAX_TEXT) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
};

const guardName = (g: NamedRef): string => {
  if (typeof g === 'string') return g;
  const params = g.params ? Object.values(g.params).map(String).join(', ') : '';
  return params ? `${g.type}(${params})` : g.type;
};

export function flowDiagram(flow: FlowFile, t: (key: string) => string): FlowDiagram {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const menu = stateId(flow.id, flow.menu ?? flow.initial);
  let toMenu = 0;
  for (const [name, def] of Object.entries(flow.states)) {
    const id = stateId(flow.id, name);
    const first = def.say[0];
    const key = first === undefined ? undefined : typeof first === 'string' ? first : first.key;
    const tool = (def.ask ?? def.summary)?.split('.')[0];
    nodes.push({
      id,
      name,
      text: key ? shorten(t(key)) : '',
      ...(tool ? { tool } : {}),
      initial: name === flow.initial,
    });
    for (const c of def.choices) {
      const to = resolveTarget(flow.id, c.to);
      if (to === menu && id !== menu) {
        toMenu += 1;
        continue;
      }
      edges.push({
        from: id,
        to,
        label: shorten(t(c.label), 32),
        ...(c.guard ? { guard: guardName(c.guard) } : {}),
      });
    }
  }
  return { flow: flow.id, nodes, edges, menu, toMenu };
}

export function diagramsOf(index: ContentIndex, t: (key: string) => string): FlowDiagram[] {
  return [...index.flows.values()].map(({ flow }) => flowDiagram(flow, t));
}

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Graphviz DOT: states as boxes (the first in bold), tools as clusters, other flows' states dashed. */
export function toDot(d: FlowDiagram): string {
  const own = new Set(d.nodes.map((n) => n.id));
  const lines = [
    `digraph ${dotString(d.flow)} {`,
    '  rankdir=LR; node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...(d.toMenu
      ? [`  label=${dotString(`${d.toMenu} choices back to ${d.menu ?? ''} are not drawn`)}; labelloc=t;`]
      : []),
  ];
  const label = (n: DiagramNode) => dotString(n.text ? `${n.name}\n${n.text}` : n.name);
  const byTool = new Map<string, DiagramNode[]>();
  for (const n of d.nodes) {
    if (n.tool) byTool.set(n.tool, [...(byTool.get(n.tool) ?? []), n]);
    else lines.push(`  ${dotString(n.id)} [label=${label(n)}${n.initial ? ', penwidth=2' : ''}];`);
  }
  for (const [tool, members] of byTool) {
    lines.push(
      `  subgraph ${dotString(`cluster_${tool}`)} {`,
      `    label=${dotString(`tool: ${tool}`)}; style=dashed;`,
    );
    for (const n of members) lines.push(`    ${dotString(n.id)} [label=${label(n)}];`);
    lines.push('  }');
  }
  const outside = new Set(d.edges.map((e) => e.to).filter((to) => !own.has(to)));
  for (const to of outside) lines.push(`  ${dotString(to)} [label=${dotString(to)}, style="dashed"];`);
  for (const e of d.edges) {
    const text = e.guard ? `${e.label}\n[${e.guard}]` : e.label;
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(text)}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Mermaid flowchart: the same graph, with node ids made safe for Mermaid. */
export function toMermaid(d: FlowDiagram): string {
  const ids = new Map<string, string>();
  const idOf = (stateIdOrTarget: string) => {
    let id = ids.get(stateIdOrTarget);
    if (!id) ids.set(stateIdOrTarget, (id = `n${ids.size}`));
    return id;
  };
  const text = (s: string) => s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
  const lines = [
    ...(d.toMenu ? [`%% ${d.toMenu} choices back to ${d.menu ?? ''} are not drawn`] : []),
    'flowchart LR',
  ];
  const byTool = new Map<string, DiagramNode[]>();
  const own = new Set(d.nodes.map((n) => n.id));
  const nodeLine = (n: DiagramNode) => `${idOf(n.id)}["${text(n.text ? `${n.name}\n${n.text}` : n.name)}"]`;
  for (const n of d.nodes) {
    if (n.tool) byTool.set(n.tool, [...(byTool.get(n.tool) ?? []), n]);
    else lines.push(`  ${nodeLine(n)}`);
  }
  for (const [tool, members] of byTool) {
    lines.push(`  subgraph ${idOf(`tool:${tool}`)}["tool: ${text(tool)}"]`);
    for (const n of members) lines.push(`    ${nodeLine(n)}`);
    lines.push('  end');
  }
  for (const to of new Set(d.edges.map((e) => e.to).filter((x) => !own.has(x))))
    lines.push(`  ${idOf(to)}(["${text(to)}"])`);
  for (const e of d.edges) {
    const label = text(e.guard ? `${e.label} [${e.guard}]` : e.label).replace(/\|/g, '/');
    lines.push(`  ${idOf(e.from)} -->|"${label}"| ${idOf(e.to)}`);
  }
  return `${lines.join('\n')}\n`;
}
