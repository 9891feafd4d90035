import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod4';
import type { ContentBundle } from '../engine/content-bundle';
import { factsFileSchema, flowSchema, tipsFileSchema, type FlowFile } from '../engine/flow-schema';

/** Reads and schema-checks the content in `flows/`. Errors name the file and the path inside it. */
export class ContentError extends Error {
  constructor(public readonly problems: string[]) {
    super(`The content has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ContentError';
  }
}

/** `tips.yaml` and `tips.<part>.yaml` hold the tips catalogue; `facts.yaml` the fact sources. */
const isTipsFile = (f: string) => /^tips(\.[a-z0-9-]+)?\.yaml$/.test(f);
const isSpecial = (f: string) => isTipsFile(f) || f === 'facts.yaml';

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
  const facts =
    parseFile(path.join(flowsDir, 'facts.yaml'), rel('facts.yaml'), factsFileSchema, problems) ?? {};
  const seen = new Set<string>();
  for (const t of tips) {
    if (seen.has(t.id)) problems.push(`flows/tips.yaml › tip "${t.id}": duplicate id.`);
    seen.add(t.id);
  }
  if (problems.length) throw new ContentError(problems);
  return { flows, tips, facts };
}
