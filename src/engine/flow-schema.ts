import { z } from 'zod4';
import { COUNTRIES, PERSPECTIVES, PHASES, TOPICS } from './types';

/** A named guard or action with JSON parameters. No code strings in content, ever. */
const namedRef = z.union([
  z.string().min(1),
  z.object({ type: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() }).strict(),
]);
export type NamedRef = z.infer<typeof namedRef>;

const messageRef = z.union([
  z.string().min(1),
  z
    .object({
      key: z.string().min(1),
      /** `country` uses the conversation's country as i18next context (key_BE, key_NL, …). */
      context: z.enum(['country']).optional(),
    })
    .strict(),
]);
export type FlowMessage = z.infer<typeof messageRef>;

const choiceSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'choice ids use letters, digits, - and _'),
    label: z.string().min(1),
    /** `state`, `flow:state`, `$menu` (the perspective's menu) or `$return` (back to where a command came from). */
    to: z.string().min(1),
    guard: namedRef.optional(),
    actions: z.array(namedRef).optional(),
    /** For guided tools: the sentence this answer adds to the personal plan. */
    plan: z.string().optional(),
  })
  .strict();
export type FlowChoice = z.infer<typeof choiceSchema>;

const stateSchema = z
  .object({
    say: z.array(messageRef).default([]),
    phase: z.enum(PHASES).optional(),
    topics: z.array(z.enum(TOPICS)).default([]),
    tips: z.array(z.string()).default([]),
    /** Fact ids per country; the user's country's facts are shown as "more information". */
    facts: z.partialRecord(z.enum(COUNTRIES), z.array(z.string())).default({}),
    /** Guided tools: the answer recorded by this state's choices, e.g. `boss.share`. */
    ask: z.string().optional(),
    /** Shows the plan built so far by a guided tool. */
    summary: z.string().optional(),
    /** Adds "back" and "menu" buttons after the choices (default true). */
    nav: z.boolean().default(true),
    choices: z.array(choiceSchema).min(1, 'every state needs at least one choice: a way forward'),
  })
  .strict();
export type FlowState = z.infer<typeof stateSchema>;

export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    perspective: z.enum(PERSPECTIVES).optional(),
    initial: z.string(),
    /** The state the "menu" command leads to. */
    menu: z.string().optional(),
    states: z.record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'state names are letters and digits'),
      stateSchema,
    ),
  })
  .strict();
export type FlowFile = z.infer<typeof flowSchema>;

export const tipSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    perspective: z.enum(PERSPECTIVES),
    phase: z.enum(PHASES),
    topics: z.array(z.enum(TOPICS)).min(1),
    countries: z.array(z.enum(COUNTRIES)).min(1),
    facts: z.array(z.string()).default([]),
    /** Tip text differs per country: locales hold body_BE, body_NL, … next to body. */
    countryText: z.boolean().default(false),
  })
  .strict();
export type Tip = z.infer<typeof tipSchema>;
export const tipsFileSchema = z.array(tipSchema);

export const factsFileSchema = z.record(z.string().regex(/^[A-Z]{1,2}-\d+$/), z.array(z.url()).min(1));
export type FactSources = z.infer<typeof factsFileSchema>;
