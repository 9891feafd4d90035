import type { Rng } from './rng';

/**
 * A simulated user of the HTTP endpoint, as the Emulator / Web Chat would send: starts with a greeting,
 * then presses the buttons the last reply offered (suggested actions and tip cards), sometimes types a
 * button's label instead, and goes back to the menu every few turns, forever. "delete my data" and
 * "restart" are never pressed, so the number of stored conversations only grows with new users.
 */
export interface Action {
  title: string;
  value: unknown;
}

export interface Conversation {
  id: string;
  user: string;
  locale: string;
  /** Turns sent so far. */
  turns: number;
  /** The buttons of the last good reply. */
  actions: Action[];
}

export type Outcome = 'ok' | 'non2xx' | 'noActivities';

const LOCALES = ['en-US', 'nl-BE', 'fr-FR'] as const;
const MENU_EVERY = 15;
const TYPED_SHARE = 0.2;
const NEVER_PRESSED = new Set(['delete', 'restart']);

export const userOf = (conversationId: string): string => `user-${conversationId}`;

export function newConversations(prefix: string, count: number, rng: Rng): Conversation[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${i}`;
    return { id, user: userOf(id), locale: rng.pick(LOCALES), turns: 0, actions: [] };
  });
}

let activitySeq = 0;

/** The next activity this user sends (counts the turn). */
export function nextActivity(c: Conversation, rng: Rng): Record<string, unknown> {
  const activity: Record<string, unknown> = {
    type: 'message',
    id: `bench-${++activitySeq}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: c.id },
    from: { id: c.user },
    recipient: { id: 'bot' },
    locale: c.locale,
    deliveryMode: 'expectReplies',
  };
  const turn = c.turns++;
  if (turn === 0) activity.text = 'hello';
  else if (turn % MENU_EVERY === 0 || !c.actions.length) activity.text = 'menu';
  else {
    const action = rng.pick(c.actions);
    if (rng.next() < TYPED_SHARE) activity.text = action.title;
    else activity.value = action.value;
  }
  return activity;
}

interface ReplyLike {
  suggestedActions?: { actions?: { title?: unknown; value?: unknown }[] };
  attachments?: { content?: { buttons?: { title?: unknown; value?: unknown }[] } }[];
}

function isKept(a: { title?: unknown; value?: unknown }): a is Action {
  if (typeof a.title !== 'string' || typeof a.value !== 'object' || a.value === null) return false;
  const v = a.value as { kind?: unknown; name?: unknown };
  return !(v.kind === 'command' && typeof v.name === 'string' && NEVER_PRESSED.has(v.name));
}

/** Reads an expectReplies response: a 2xx with at least one activity is a good turn; keeps its buttons. */
export function readReplies(c: Conversation, status: number, body: string): Outcome {
  c.actions = [];
  if (status < 200 || status > 299) return 'non2xx';
  let activities: unknown;
  try {
    activities = (JSON.parse(body) as { activities?: unknown }).activities;
  } catch {
    return 'noActivities';
  }
  if (!Array.isArray(activities) || activities.length === 0) return 'noActivities';
  for (const r of activities as ReplyLike[]) {
    for (const a of r.suggestedActions?.actions ?? []) if (isKept(a)) c.actions.push(a);
    for (const card of r.attachments ?? [])
      for (const b of card.content?.buttons ?? []) if (isKept(b)) c.actions.push(b);
  }
  return 'ok';
}
