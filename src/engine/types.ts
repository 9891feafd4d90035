/** Shared engine types. The engine is pure: no botbuilder, storage, i18next, clock or randomness. */

export const LANGUAGES = ['en', 'nl', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const COUNTRIES = ['BE', 'NL', 'FR', 'UK'] as const;
export type Country = (typeof COUNTRIES)[number];

export const PERSPECTIVES = ['employee', 'employer', 'health', 'coach'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const PHASES = ['diagnosis', 'treatment', 'return-prep', 'back-at-work', 'relapse'] as const;
export type Phase = (typeof PHASES)[number];

export const TOPICS = [
  'disclosure',
  'rights',
  'income',
  'absence-contact',
  'working-during-treatment',
  'return-plan',
  'gradual-return',
  'adjustments',
  'late-effects',
  'colleagues',
  'employer-support',
  'health-professional',
  'coaching',
  'self-employed',
  'relapse',
  'job-search',
  'support-services',
] as const;
export type Topic = (typeof TOPICS)[number];

export const WORK_STATUSES = ['employed', 'self-employed', 'job-seeker'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

export const COMMANDS = [
  'menu',
  'restart',
  'back',
  'language',
  'country',
  'help',
  'plan',
  'privacy',
  'talk',
  'delete',
  'download',
  // Small talk: a short natural answer, and the current choices again.
  'greet',
  'thanks',
  'ok',
  'bye',
  'who',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** What the conversation remembers between turns; lives in the XState machine context. */
export interface RoadmapContext {
  lang: Lang;
  country: Country | null;
  perspective: Perspective | null;
  /** For employees: employed, self-employed or looking for work (changes sick pay, cover, interviews). */
  workStatus?: WorkStatus | null;
  /** Answers of the guided tools, keyed `tool.question` → choice id. Choices only, never free text. */
  answers: Record<string, string>;
  savedTips: string[];
  /** The user answered the country question (possibly "another country"): not asked again before a jump. */
  countryAsked?: boolean;
}

export const SCHEMA_VERSION = 1;

/** What is stored per conversation. `state` is a dotted state id such as `employee.diagnosis`. */
export interface PersistedConversation {
  schemaVersion: number;
  flowVersion: string;
  state: string;
  context: RoadmapContext;
  /** Previous state ids, most recent last, for "back". */
  history: string[];
  /**
   * The buttons of the last view when they were not the state's own ("did you mean", a tip found by
   * search, "switch language?"), so a typed number or label on the next turn means what was shown.
   */
  offer?: { choices: ChoiceView[]; tips: string[] };
  /**
   * Ids of the last activities handled (the channel's ids, nothing of their content): a channel that
   * delivers one again (retries) gets no second answer, and nothing is applied twice.
   */
  seen?: string[];
  createdAt: number;
  updatedAt: number;
}

/** A button press carries where it was pressed, so an old button is recognised. */
export interface ChoicePayload {
  kind: 'choice';
  state: string;
  choice: string;
  v: string;
}
export interface CommandPayload {
  kind: 'command';
  name: CommandName;
}
export interface TipPayload {
  kind: 'tip';
  /** `show`: a tip found by typed text, shown with its save button. */
  op: 'save' | 'remove' | 'show';
  tip: string;
}
/** A jump to a state (of the user's perspective's flow, or a shared one), found by typed text. */
export interface GotoPayload {
  kind: 'goto';
  state: string;
}
/** Where typed text can take a user: a state, or a tip shown on its own. */
export type JumpTarget = GotoPayload | { kind: 'tip'; op: 'show'; tip: string };
/** Continue in another language (the user wrote in it); optionally then jump to what they asked for. */
export interface LanguagePayload {
  kind: 'switchLanguage';
  lang: Lang;
  then?: JumpTarget;
}
/** Continue as another perspective (the user said who they are): saved tips and answers are kept. */
export interface PerspectivePayload {
  kind: 'switchPerspective';
  perspective: Perspective;
}
/** Why a screen did not help: fixed choices only (no free text is ever stored). */
export const FEEDBACK_REASONS = ['wrong', 'unclear', 'notAsked', 'outdated'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** "Was this helpful?": about a screen (a state id) or the plan (`plan`); after 👎 optionally a reason. */
export interface FeedbackPayload {
  kind: 'feedback';
  subject: string;
  vote: 'up' | 'down';
  reason?: FeedbackReason;
}

export type ButtonPayload =
  | ChoicePayload
  | CommandPayload
  | TipPayload
  | GotoPayload
  | LanguagePayload
  | PerspectivePayload
  | FeedbackPayload;

export type EngineInput =
  | { kind: 'start'; lang: Lang; country?: Country | null }
  | ButtonPayload
  /** Typed text matched several places, none clearly: ask "did you mean…" with up to three options. */
  | { kind: 'suggest'; options: JumpTarget[] }
  /** Typed text was written in another supported language: offer to switch. */
  | { kind: 'offerLanguage'; lang: Lang; then?: JumpTarget }
  /** Typed text says who the user is, and that is another perspective: offer to switch (one tap). */
  | { kind: 'offerPerspective'; perspective: Perspective }
  /** Typed text matched nothing: say so kindly, offer the menu and "talk to someone". */
  | { kind: 'noMatch' }
  /** Typed text longer than the configured limit: refused kindly, with the current choices. */
  | { kind: 'tooLong'; max: number }
  | { kind: 'unknown' };

export interface MessageRef {
  key: string;
  /** i18next context, e.g. a country code: resolves `key_BE`, falling back to `key`. */
  context?: string;
  params?: Record<string, string | number>;
  /** Messages said inside this one, one paragraph each, as its `{{text}}` (a talk in one bubble). */
  parts?: MessageRef[];
  /** Messages said inside this one as named parameters (`{{question}}`, `{{answer}}`). */
  nested?: Record<string, MessageRef>;
}

export interface ChoiceView {
  id: string;
  labelKey: string;
  payload: ButtonPayload;
}

export interface TipView {
  id: string;
  titleKey: string;
  bodyKey: string;
  context?: string;
  saved: boolean;
  payload: TipPayload;
}

/** One "more information" link: the page, its publisher and title, and the page's language. */
export interface SourceView {
  fact: string;
  url: string;
  publisher: string;
  title: string;
  lang: Lang;
}

export interface View {
  state: string;
  lang: Lang;
  /** The user's country: every text may have a country variant (`key_BE`, …) used when it is known. */
  country?: Country | null;
  messages: MessageRef[];
  tips: TipView[];
  sources: SourceView[];
  choices: ChoiceView[];
  /** What kind of answer the bot waits for. */
  expect: 'choice';
  /** Side effects the edge must carry out (the engine cannot touch storage). */
  effects: ('deleteData' | 'planLink')[];
  /** Filled in at the edge when `effects` has `planLink`: signed download links of the plan. */
  links?: { pdf: string; markdown: string };
  /** A short, text-free name of what happened, for logs and metrics. */
  event: string;
}

export interface StepResult {
  persisted: PersistedConversation | null;
  view: View;
}
