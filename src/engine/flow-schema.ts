import { z } from 'zod4';
import { COUNTRIES, LANGUAGES, PERSPECTIVES, PHASES, TOPICS } from './types';

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
    /** Said before the next state's messages when this choice is taken (e.g. feedback while practising). */
    reply: z.string().optional(),
    /**
     * The sentence this answer gives the user to say: the `{{text}}` of `reply`, and with the state's first
     * message (the question) the `{{question}}` and `{{answer}}` of `plan`.
     */
    say: z.string().optional(),
  })
  .strict();
export type FlowChoice = z.infer<typeof choiceSchema>;

/** Answers a script line depends on: `tool.question` → one choice id or several. */
const answerCondition = z.record(
  z.string().min(1),
  z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
);

const scriptLine = z
  .object({
    /** Said only when every answer matches (no `when`: always). */
    when: answerCondition.optional(),
    /** A key with one wording per tone (`key.plain`, `key.warm`, …); rules use the key itself. */
    key: z.string().min(1),
    /** For rules: the facts the rule rests on, per country (shown as "more information"). */
    facts: z.partialRecord(z.enum(COUNTRIES), z.array(z.string())).optional(),
  })
  .strict();
export type ScriptLine = z.infer<typeof scriptLine>;

/**
 * A talk built from a guided tool's answers: in each part the first line whose answers match is said, in the
 * tone the user picked; the rules that match follow the talk, with the user's country as context.
 */
const scriptSchema = z
  .object({
    /** The bubble around the talk: a key with `{{text}}`. */
    frame: z.string().min(1),
    /** The answer that holds the tone (`boss.tone`); the first tone is the default. */
    toneAnswer: z.string().min(1),
    tones: z.array(z.string().regex(/^[a-z]+$/)).min(1),
    parts: z.array(z.array(scriptLine).min(1)).min(3),
    rules: z.array(scriptLine).default([]),
  })
  .strict();
export type FlowScript = z.infer<typeof scriptSchema>;

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
    /** Says a talk built from the tool's answers, after the first message (see scriptSchema). */
    script: scriptSchema.optional(),
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

export const SOURCE_KINDS = [
  'government',
  'social-security',
  'health-insurer',
  'cancer-charity',
  'patient-org',
  'union-or-employer-org',
  'professional-body',
  'research',
  'news',
  'commercial',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** Publishers whose pages count as official for the source policy (flows/facts/README.md). */
export const OFFICIAL_KINDS: readonly SourceKind[] = [
  'government',
  'social-security',
  'health-insurer',
  'cancer-charity',
];
/** Kinds that may stand only where no official page states the fact. */
export const WEAK_KINDS: readonly SourceKind[] = ['news', 'commercial'];
export const AUDIENCES = ['everyone', 'employees', 'employers', 'professionals'] as const;
export type Audience = (typeof AUDIENCES)[number];

const day = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date: YYYY-MM-DD (or YYYY-MM for the fact sheet)');

export const factSourceSchema = z
  .object({
    url: z.url(),
    /** An id from flows/facts/publishers.yaml. */
    publisher: z.string().min(1),
    /** The page's own title, in the page's language. */
    title: z.string().min(1),
    lang: z.enum(LANGUAGES),
    audience: z.enum(AUDIENCES).default('everyone'),
    checked: day,
    /** How the page was read: taken over from the fact sheet, in a stored copy, or on the live site. */
    via: z.enum(['fact-sheet', 'stored-copy', 'live']),
  })
  .strict();
export type FactSource = z.infer<typeof factSourceSchema>;

export const factSchema = z
  .object({
    country: z.enum([...COUNTRIES, 'all']),
    /** One line in English: exactly what the fact states. */
    claim: z.string().min(10),
    /** When the claim last changed; texts reviewed before then are flagged by content:report. */
    changed: day.optional(),
    /** Required when no source is official: what was searched, and why none was found. */
    whyNotOfficial: z.string().min(10).optional(),
    /**
     * Languages in which a publisher of this fact has no page stating it, though it publishes in them: what
     * was searched. The reader then gets the page in another language, labelled with its language.
     */
    noPageIn: z.partialRecord(z.enum(LANGUAGES), z.string().min(10)).optional(),
    sources: z.array(factSourceSchema).min(1),
  })
  .strict();
export type Fact = z.infer<typeof factSchema>;
export const factsFileSchema = z.record(z.string().regex(/^[A-Z]{1,2}-\d+$/), factSchema);
export type Facts = z.infer<typeof factsFileSchema>;

export const publisherSchema = z
  .object({
    /** The publisher's name in each language it publishes in. */
    name: z.partialRecord(z.enum(LANGUAGES), z.string().min(1)),
    kind: z.enum(SOURCE_KINDS),
    languages: z.array(z.enum(LANGUAGES)).min(1),
    hosts: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1),
  })
  .strict();
export type Publisher = z.infer<typeof publisherSchema>;
export const publishersFileSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), publisherSchema);
export type Publishers = z.infer<typeof publishersFileSchema>;
