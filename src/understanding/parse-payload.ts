import { z } from 'zod';
import { COMMANDS, type ButtonPayload } from '../engine/types';

/**
 * Button presses arrive as `activity.value` (Web Chat messageBack, Teams Action.Submit). The value is
 * user-controlled: parse it strictly, and treat anything else as "not understood".
 */
const payloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('choice'),
    state: z.string().max(200),
    choice: z.string().max(100),
    v: z.string().max(500),
  }),
  z.object({ kind: z.literal('command'), name: z.enum(COMMANDS) }),
  z.object({ kind: z.literal('tip'), op: z.enum(['save', 'remove']), tip: z.string().max(100) }),
]);

export function parsePayload(value: unknown): ButtonPayload | null {
  const r = payloadSchema.safeParse(value);
  return r.success ? (r.data as ButtonPayload) : null;
}
