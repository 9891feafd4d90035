import { z } from 'zod4';
import { COMMANDS, FEEDBACK_REASONS, LANGUAGES, PERSPECTIVES, type ButtonPayload } from '../engine/types';

/**
 * Button presses arrive as `activity.value` (Web Chat messageBack, Teams Action.Submit). The value is
 * user-controlled: parse it strictly, and treat anything else as "not understood". The engine checks
 * again that a state or tip named here exists and may be shown to this user.
 */
const goto = z.object({ kind: z.literal('goto'), state: z.string().max(200) });
const showTip = z.object({ kind: z.literal('tip'), op: z.literal('show'), tip: z.string().max(100) });

const payloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('choice'),
    state: z.string().max(200),
    choice: z.string().max(100),
    v: z.string().max(500),
  }),
  z.object({ kind: z.literal('command'), name: z.enum(COMMANDS) }),
  z.object({ kind: z.literal('tip'), op: z.enum(['save', 'remove', 'show']), tip: z.string().max(100) }),
  goto,
  z.object({
    kind: z.literal('switchLanguage'),
    lang: z.enum(LANGUAGES),
    then: z.union([goto, showTip]).optional(),
  }),
  z.object({ kind: z.literal('switchPerspective'), perspective: z.enum(PERSPECTIVES) }),
  z
    .object({
      kind: z.literal('feedback'),
      subject: z.string().max(200),
      vote: z.enum(['up', 'down']),
      reason: z.enum(FEEDBACK_REASONS).optional(),
    })
    // A reason only goes with 👎.
    .refine((f) => f.vote === 'down' || f.reason === undefined),
]);

export function parsePayload(value: unknown): ButtonPayload | null {
  const r = payloadSchema.safeParse(value);
  return r.success ? (r.data as ButtonPayload) : null;
}
