import path from 'node:path';
import { LmdbStorage } from '../../src/storage/lmdb-storage';
import type { ManagedStorage, StoreItems } from '../../src/storage/storage-types';

export type Fault = 'fail' | 'hang';
type Op = 'read' | 'write' | 'delete';

/**
 * An embedded store with faults injected on demand: the next read, write or delete fails or never
 * answers. `inner` is the real store, to check what was (not) written.
 */
export class FaultyStorage implements ManagedStorage {
  readonly inner: ManagedStorage;
  private readonly faults = new Map<Op, Fault>();
  closed = false;

  constructor(dataDir: string) {
    this.inner = LmdbStorage.open({ path: path.join(dataDir, 'state'), ttlMs: 30 * 86_400_000 });
  }

  /** The next call of `op` fails or hangs; the one after works again. */
  next(op: Op, fault: Fault): void {
    this.faults.set(op, fault);
  }

  private run<R>(op: Op, call: () => Promise<R>): Promise<R> {
    const fault = this.faults.get(op);
    this.faults.delete(op);
    if (fault === 'fail') return Promise.reject(new Error(`injected ${op} failure`));
    if (fault === 'hang') return new Promise<R>(() => undefined);
    return call();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run('read', () => this.inner.read(keys));
  }
  write(changes: StoreItems): Promise<void> {
    return this.run('write', () => this.inner.write(changes));
  }
  delete(keys: string[]): Promise<void> {
    return this.run('delete', () => this.inner.delete(keys));
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  sweepExpired(now?: number): Promise<number> {
    return this.inner.sweepExpired(now);
  }
  async close(): Promise<void> {
    this.closed = true;
    await this.inner.close();
  }
}
