import type { FlowScript, ScriptLine } from './flow-schema';
import type { MessageRef, RoadmapContext } from './types';

/** A talk as the user will say it: its paragraphs, the country rules that follow it, and their facts. */
export interface ScriptView {
  /** The paragraphs, in order, in the chosen tone. */
  paragraphs: MessageRef[];
  /** The whole talk in one bubble: the frame with the paragraphs as its text. */
  message: MessageRef;
  /** The rules that matter for these answers, in the user's country's wording. */
  rules: MessageRef[];
  /** The facts those rules rest on, for the user's country. */
  facts: string[];
}

/** Whether every answer a line depends on was given as one of the values it names. */
export function lineApplies(line: ScriptLine, answers: RoadmapContext['answers']): boolean {
  return Object.entries(line.when ?? {}).every(([question, values]) => {
    const given = answers[question];
    return given !== undefined && (Array.isArray(values) ? values.includes(given) : values === given);
  });
}

/** The tone the user picked for this talk, or the first tone. */
export function toneOf(script: FlowScript, answers: RoadmapContext['answers']): string {
  const picked = answers[script.toneAnswer];
  return picked && script.tones.includes(picked) ? picked : (script.tones[0] as string);
}

/** A talk is ready (and goes into the plan) once every part has a line for the answers given. */
export function scriptReady(script: FlowScript, answers: RoadmapContext['answers']): boolean {
  return script.parts.every((part) => part.some((l) => lineApplies(l, answers)));
}

export function scriptView(script: FlowScript, ctx: RoadmapContext): ScriptView {
  const tone = toneOf(script, ctx.answers);
  const context = ctx.country ?? undefined;
  const paragraphs: MessageRef[] = [];
  for (const part of script.parts) {
    const line = part.find((l) => lineApplies(l, ctx.answers));
    if (line) paragraphs.push({ key: `${line.key}.${tone}`, context });
  }
  const rules = script.rules.filter((r) => lineApplies(r, ctx.answers));
  return {
    paragraphs,
    message: { key: script.frame, context, parts: paragraphs },
    rules: rules.map((r) => ({ key: r.key, context })),
    facts: ctx.country ? rules.flatMap((r) => r.facts?.[ctx.country as keyof typeof r.facts] ?? []) : [],
  };
}
