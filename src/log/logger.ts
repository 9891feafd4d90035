import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Callers log state ids, events and outcomes: never message text. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, redact: ['*.text', '*.password', '*.appPassword'] }, destination);
}
