import {
  COUNTRIES,
  LANGUAGES,
  PERSPECTIVES,
  WORK_STATUSES,
  type Country,
  type Lang,
  type Perspective,
  type RoadmapContext,
  type WorkStatus,
} from './types';

/**
 * The named guards and actions that flow files may use. Flows only name them (with JSON params);
 * the implementations live here. Each entry validates its params so a typo in content is caught at load.
 */
export type Params = Record<string, unknown>;
export type NamedRef = string | { type: string; params?: Params };

export interface GuardDef {
  check: (params: Params) => string | null;
  test: (context: RoadmapContext, params: Params) => boolean;
}

export interface ActionDef {
  check: (params: Params) => string | null;
  apply: (context: RoadmapContext, params: Params) => Partial<RoadmapContext>;
}

const oneOf =
  (name: string, allowed: readonly string[]) =>
  (params: Params): string | null =>
    typeof params[name] === 'string' && allowed.includes(params[name] as string)
      ? null
      : `param "${name}" must be one of ${allowed.join(', ')}`;

const nonEmptyString =
  (...names: string[]) =>
  (params: Params): string | null => {
    for (const n of names) if (typeof params[n] !== 'string' || !params[n]) return `param "${n}" is required`;
    return null;
  };

const none = (): null => null;

export const GUARDS: Record<string, GuardDef> = {
  countryKnown: { check: none, test: (c) => c.country !== null },
  countryUnknown: { check: none, test: (c) => c.country === null },
  countryIs: { check: oneOf('country', COUNTRIES), test: (c, p) => c.country === p.country },
  perspectiveIs: {
    check: oneOf('perspective', PERSPECTIVES),
    test: (c, p) => c.perspective === p.perspective,
  },
  workStatusIs: {
    check: oneOf('status', WORK_STATUSES),
    test: (c, p) => (c.workStatus ?? null) === p.status,
  },
  workStatusUnknown: { check: none, test: (c) => !c.workStatus },
  /** The answer is `value`; an unanswered question counts as `default` when one is given. */
  answerIs: {
    check: nonEmptyString('question', 'value'),
    test: (c, p) => (c.answers[p.question as string] ?? p.default) === p.value,
  },
  /** The answer is one of `values`. */
  answerIn: {
    check: (p) =>
      typeof p.question === 'string' &&
      p.question &&
      Array.isArray(p.values) &&
      p.values.length &&
      p.values.every((v) => typeof v === 'string' && v)
        ? null
        : 'params "question" and "values" (a list of choice ids) are required',
    test: (c, p) => (p.values as string[]).includes(c.answers[p.question as string] ?? ''),
  },
};

export const ACTIONS: Record<string, ActionDef> = {
  setLanguage: { check: oneOf('lang', LANGUAGES), apply: (_c, p) => ({ lang: p.lang as Lang }) },
  setCountry: {
    check: (p) => (p.country === null ? null : oneOf('country', COUNTRIES)(p)),
    apply: (_c, p) => ({ country: (p.country as Country | null) ?? null, countryAsked: true }),
  },
  setPerspective: {
    check: oneOf('perspective', PERSPECTIVES),
    apply: (_c, p) => ({ perspective: p.perspective as Perspective }),
  },
  setWorkStatus: {
    check: oneOf('status', WORK_STATUSES),
    apply: (_c, p) => ({ workStatus: p.status as WorkStatus }),
  },
  recordAnswer: {
    check: nonEmptyString('question', 'value'),
    apply: (c, p) => ({ answers: { ...c.answers, [p.question as string]: p.value as string } }),
  },
  /** Starts a guided tool afresh: forgets its earlier answers. */
  clearAnswers: {
    check: nonEmptyString('tool'),
    apply: (c, p) => ({
      answers: Object.fromEntries(
        Object.entries(c.answers).filter(([k]) => !k.startsWith(`${p.tool as string}.`)),
      ),
    }),
  },
};

export function refName(ref: NamedRef): string {
  return typeof ref === 'string' ? ref : ref.type;
}
export function refParams(ref: NamedRef): Params {
  return typeof ref === 'string' ? {} : (ref.params ?? {});
}
