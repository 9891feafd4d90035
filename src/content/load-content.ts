import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod4';
import type { ContentBundle } from '../engine/content-bundle';
import {
  factsFileSchema,
  flowSchema,
  publishersFileSchema,
  tipsFileSchema,
  type Facts,
  type FlowFile,
  type Publishers,
} from '../engine/flow-schema';

/** Reads and schema-checks the content in `flows/`. Errors name the file and the path inside it. */
export class ContentError extends Error {
  constructor(public readonly problems: string[]) {
    super(`The content has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ContentError';
  }
}

/** `tips.yaml` and `tips.<part>.yaml` hold the tips catalogue; `facts/` the facts and their publishers. */
const isTipsFile = (f: string) => /^tips(\.[a-z0-9-]+)?\.yaml$/.test(f);
const isSpecial = (f: string) => isTipsFile(f);
/** `facts/publishers.yaml` and `facts/<part>.publishers.yaml` list publishers; other `facts/*.yaml` facts. */
const isPublishersFile = (f: string) => /^([a-z0-9-]+\.)?publishers\.yaml$/.test(f);
export const FACTS_DIR = 'facts';

function loadFacts(
  flowsDir: string,
  problems: string[],
): { facts: Facts; publishers: Publishers; factFiles: Record<string, string> } {
  const dir = path.join(flowsDir, FACTS_DIR);
  const facts: Facts = {};
  const publishers: Publishers = {};
  const factFiles: Record<string, string> = {};
  if (!fs.existsSync(dir)) {
    problems.push(`flows/${FACTS_DIR}/: missing. Fix: keep the facts and publishers there (see its README).`);
    return { facts, publishers, factFiles };
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const f of files) {
    const rel = `flows/${FACTS_DIR}/${f}`;
    if (isPublishersFile(f)) {
      for (const [id, p] of Object.entries(
        parseFile(path.join(dir, f), rel, publishersFileSchema, problems) ?? {},
      )) {
        if (publishers[id])
          problems.push(`${rel} › ${id}: publisher id already used in another file. Fix: rename one.`);
        publishers[id] = p;
      }
      continue;
    }
    for (const [id, fact] of Object.entries(
      parseFile(path.join(dir, f), rel, factsFileSchema, problems) ?? {},
    )) {
      if (facts[id])
        problems.push(`${rel} › ${id}: fact id already in ${factFiles[id]}. Fix: give it a free id.`);
      facts[id] = fact;
      factFiles[id] = rel;
    }
  }
  return { facts, publishers, factFiles };
}

function parseFile<T>(file: string, rel: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let raw: unknown;
  try {
    raw = yaml.load(fs.readFileSync(file, 'utf8'), { filename: rel });
  } catch (e) {
    problems.push(`${rel}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.length ? ` › ${issue.path.join(' › ')}` : '';
    problems.push(`${rel}${where}: ${issue.message}`);
  }
  return undefined;
}

export function loadContent(flowsDir: string): ContentBundle {
  const problems: string[] = [];
  const rel = (f: string) => `flows/${f}`;
  const files = fs
    .readdirSync(flowsDir)
    .filter((f) => f.endsWith('.yaml') && !isSpecial(f))
    .sort();
  const flows: { file: string; flow: FlowFile }[] = [];
  for (const f of files) {
    const flow = parseFile(path.join(flowsDir, f), rel(f), flowSchema, problems);
    if (!flow) continue;
    if (`${flow.id}.yaml` !== f)
      problems.push(`${rel(f)}: id "${flow.id}" must match the file name. Fix: rename one.`);
    flows.push({ file: rel(f), flow });
  }
  const tips = fs
    .readdirSync(flowsDir)
    .filter(isTipsFile)
    .sort()
    .flatMap((f) => parseFile(path.join(flowsDir, f), rel(f), tipsFileSchema, problems) ?? []);
  const { facts, publishers, factFiles } = loadFacts(flowsDir, problems);
  const seen = new Set<string>();
  for (const t of tips) {
    if (seen.has(t.id)) problems.push(`flows/tips.yaml › tip "${t.id}": duplicate id.`);
    seen.add(t.id);
  }
  if (problems.length) throw new ContentError(problems);
  return { flows, tips, facts, publishers, factFiles };
}
