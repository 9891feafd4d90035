/*
 * Draws each flow as a diagram for content authors, from the compiled content, in one language:
 *   npm run flows:diagram [-- --lang nl] [--out docs/diagrams]
 * writes <out>/<flow>.<lang>.svg (Graphviz, rendered by Viz.js: no system package needed) and
 * <out>/<flow>.<lang>.mmd (Mermaid, for docs that render it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildContent, projectRoot } from '../content/build-content';
import { diagramsOf, toDot, toMermaid } from '../content/flow-diagram';
import { LANGUAGES, type Lang } from '../engine/types';

export const DIAGRAM_DIR = path.join('docs', 'diagrams');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const lang = (arg('lang') ?? 'en') as Lang;
  if (!(LANGUAGES as readonly string[]).includes(lang))
    throw new Error(`--lang must be one of ${LANGUAGES.join(', ')}`);
  const out = path.resolve(projectRoot(), arg('out') ?? DIAGRAM_DIR);
  const content = buildContent();
  const t = content.i18n.getFixedT(lang);
  const { instance } = (await import('@viz-js/viz')) as typeof import('@viz-js/viz');
  const viz = await instance();
  fs.mkdirSync(out, { recursive: true });
  for (const d of diagramsOf(content.engine.index, (key) => t(key) as string)) {
    const svg = viz.renderString(toDot(d), { format: 'svg' });
    const base = path.join(out, `${d.flow}.${lang}`);
    fs.writeFileSync(`${base}.svg`, svg);
    fs.writeFileSync(`${base}.mmd`, toMermaid(d));
    console.log(
      `${path.relative(projectRoot(), base)}.svg and .mmd: ${d.nodes.length} states, ${d.edges.length} choices`,
    );
  }
}

main().catch((e: unknown) => {
  console.error('flows:diagram:', e instanceof Error ? e.message : e);
  process.exit(1);
});
