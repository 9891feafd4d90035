import { buildContent } from '../../src/content/build-content';
import { diagramsOf, toDot, toMermaid } from '../../src/content/flow-diagram';

/** Every flow draws, in every language: each state once, each choice as an edge (or counted as "back to the menu"). */
const content = buildContent();

describe.each(['en', 'nl', 'fr'] as const)('flow diagrams (%s)', (lang) => {
  const t = content.i18n.getFixedT(lang);
  const diagrams = diagramsOf(content.engine.index, (key) => t(key) as string);

  it('covers every flow, every state and every choice', () => {
    const flows = [...content.engine.index.flows.keys()].sort();
    expect(diagrams.map((d) => d.flow).sort()).toEqual(flows);
    for (const d of diagrams) {
      const { flow } = content.engine.index.flows.get(d.flow)!;
      expect(d.nodes.map((n) => n.name).sort()).toEqual(Object.keys(flow.states).sort());
      const choices = Object.values(flow.states).reduce((n, s) => n + s.choices.length, 0);
      expect(d.edges.length + d.toMenu).toBe(choices);
      // Labels are the words users see in this language, never the raw keys.
      for (const e of d.edges) expect(e.label).not.toMatch(/^[a-z]+:[\w.]+$/);
    }
  });

  it('renders each as SVG (Viz.js) and as Mermaid, with every state and the guided tools as clusters', async () => {
    const { instance } = (await import('@viz-js/viz')) as typeof import('@viz-js/viz');
    const viz = await instance();
    for (const d of diagrams) {
      const svg = viz.renderString(toDot(d), { format: 'svg' });
      expect(svg).toContain('<svg');
      for (const n of d.nodes) expect(svg).toContain(`>${n.name}<`);
      const mermaid = toMermaid(d);
      expect(mermaid).toContain('flowchart LR');
      expect(mermaid.split('\n').filter((l) => l.includes('-->')).length).toBe(d.edges.length);
      for (const tool of new Set(d.nodes.flatMap((n) => (n.tool ? [n.tool] : [])))) {
        expect(svg).toContain(`tool: ${tool}`);
        expect(mermaid).toContain(`"tool: ${tool}"`);
      }
    }
    const employee = diagrams.find((d) => d.flow === 'employee')!;
    expect(employee.nodes.some((n) => n.tool === 'boss')).toBe(true);
  });
});
