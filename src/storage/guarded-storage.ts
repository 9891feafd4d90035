import type { ManagedStorage, StoreItems } from './storage-types';

/** A storage operation that took longer than the configured timeout. The turn fails with an apology. */
export class StorageTimeoutError extends Error {
  override readonly name = 'StorageTimeoutError';

  constructor(
    readonly op: StoreOp,
    readonly timeoutMs: number,
  ) {
    super(`Storage: ${op} took longer than ${timeoutMs} ms.`);
  }
}

export type StoreOp = 'read' | 'write' | 'delete' | 'ping';

export interface GuardOptions {
  timeoutMs: number;
  /** Called after each operation with its duration in seconds and whether it succeeded (metrics). */
  observe?: (op: StoreOp, seconds: number, ok: boolean) => void;
}

/**
 * Wraps a store so that no operation hangs a turn: each read, write and delete fails with
 * {@link StorageTimeoutError} after `timeoutMs`. A turn saves its conversation in one write of one key (the
 * user's preferences follow on their own, best effort), so a turn that fails here has written nothing of its
 * own, or, if a write that timed out still lands later, the whole step. The
 * queue of a conversation's turns moves on instead of waiting for a store that does not answer.
 */
export function guardStorage(inner: ManagedStorage, opts: GuardOptions): ManagedStorage {
  // One promise and one timer per operation (this runs three times per turn): the first of the operation
  // and the timer settles it, and the other one is then ignored.
  const timed = <R>(op: StoreOp, run: () => Promise<R>): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const started = performance.now();
      let settled = false;
      const finish = (ok: boolean) => {
        settled = true;
        clearTimeout(timer);
        opts.observe?.(op, (performance.now() - started) / 1000, ok);
      };
      const timer = setTimeout(() => {
        if (settled) return;
        finish(false);
        reject(new StorageTimeoutError(op, opts.timeoutMs));
      }, opts.timeoutMs);
      let running: Promise<R>;
      try {
        running = run();
      } catch (error) {
        running = Promise.reject(error as Error);
      }
      running.then(
        (value) => {
          if (settled) return;
          finish(true);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          finish(false);
          reject(error as Error);
        },
      );
    });
  return {
    read: (keys: string[]) => timed('read', () => inner.read(keys)),
    write: (changes: StoreItems) => timed('write', () => inner.write(changes)),
    delete: (keys: string[]) => timed('delete', () => inner.delete(keys)),
    // A store that does not answer is not ready: /readyz must say so, not hang.
    ping: () => timed('ping', () => inner.ping()),
    sweepExpired: (now?: number) => inner.sweepExpired(now),
    close: () => inner.close(),
  };
}
