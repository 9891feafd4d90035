import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

const CORRELATION_ID = Symbol('correlationId');

/** Gives the turn the correlation id of its HTTP request, so every log line of the turn can carry it. */
export function setCorrelationId(context: TurnContext, id: string): void {
  context.turnState.set(CORRELATION_ID, id);
}

/** The turn's correlation id: the request's, or a new one for turns that did not come over HTTP. */
export function correlationIdOf(context: TurnContext): string {
  let id = context.turnState.get(CORRELATION_ID) as string | undefined;
  if (!id) {
    id = randomUUID();
    context.turnState.set(CORRELATION_ID, id);
  }
  return id;
}
