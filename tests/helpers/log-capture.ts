import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log/logger';

/** A logger whose JSON lines are kept in `lines`, to check what the bot logs (and what it never logs). */
export function captureLogs(level = 'info'): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, logger: createLogger(level, sink) };
}
