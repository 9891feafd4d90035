import crypto from 'node:crypto';

/**
 * The self-hosted Direct Line's conversations, in memory and bounded: at most `maxConversations`
 * (the least recently used one goes first), at most `maxActivities` and `maxBytes` of activities
 * each (the oldest go first; watermarks keep counting), and a conversation nobody has touched for
 * `idleMs` is forgotten. The bot's own state lives in the store, not here: this is only the
 * transcript a client can (re)read.
 *
 * With a {@link DlPersistence} (the bot's configured store), each conversation is also kept there after
 * every change, so a restarted process, or another one, resumes it at the same watermark: `load()`
 * brings a conversation that is not in memory back from the store. What is kept is bounded like the
 * memory (the same limits), goes when the conversation has been idle for `idleMs` or ended, and never
 * holds what the user typed: a typed message is kept without its text (a button's label stays), as the
 * bot keeps the user's choices, not their words.
 */
export interface DlActivity {
  id: string;
  type: string;
  timestamp: string;
  [field: string]: unknown;
}

/** An activity before the store gives it its id and (if it has none) its timestamp. */
export type NewActivity = { type: string; timestamp?: string } & Record<string, unknown>;

export interface ActivitySet {
  activities: DlActivity[];
  watermark: string;
}

/** A live reader (a WebSocket): gets each new activity as it is added, and a close when the conversation goes. */
export interface Listener {
  send(set: ActivitySet): void;
  close(): void;
}

export interface DlConversation {
  readonly id: string;
  readonly userId: string;
  /** Set when the user deleted their data: no new activities; the conversation goes after a short grace. */
  endedAt?: number;
}

interface Entry {
  seq: number;
  at: number;
  bytes: number;
  activity: DlActivity;
}

/** A conversation as it is kept in the store (see {@link DlPersistence}). */
export interface DlSnapshot {
  id: string;
  userId: string;
  nextSeq: number;
  lastActive: number;
  endedAt?: number;
  entries: { seq: number; at: number; activity: DlActivity }[];
}

/** Where conversations are kept across restarts and processes. */
export interface DlPersistence {
  save(snapshot: DlSnapshot): Promise<void>;
  load(id: string): Promise<DlSnapshot | undefined>;
  remove(id: string): Promise<void>;
}

interface Conversation extends DlConversation {
  entries: Entry[];
  bytes: number;
  nextSeq: number;
  lastActive: number;
  listeners: Set<Listener>;
  /** Turns of one conversation run one after another, in the order they arrived. */
  chain: Promise<unknown>;
  /** Its saves to the store, one after another; `queued` while a save that will see the latest is waiting. */
  saving: Promise<void>;
  queued: boolean;
  /** When its last save was queued. */
  keptAt: number;
}

const KEEP_TOUCH_MS = 60_000;

export interface StoreLimits {
  maxConversations: number;
  maxActivities: number;
  maxBytes: number;
  idleMs: number;
  /** How long an ended conversation still answers reads, so the last replies reach the client. */
  endedGraceMs: number;
  /** Typing activities older than this are left out when a client reads the history again. */
  typingFreshMs: number;
  /** When full, a conversation is dropped for a new one only after this long without use. */
  evictAfterMs: number;
}

/** Every conversation is in use: a new one must wait (503), rather than push out someone still chatting. */
export class StoreFullError extends Error {
  override name = 'StoreFullError';
}

export const DEFAULT_LIMITS: Omit<StoreLimits, 'idleMs'> = {
  maxConversations: 2000,
  maxActivities: 200,
  maxBytes: 256 * 1024,
  endedGraceMs: 60_000,
  typingFreshMs: 5_000,
  evictAfterMs: 10 * 60_000,
};

const newId = () => crypto.randomBytes(16).toString('base64url');

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  /** Saves and removals in the store not finished yet, all and by conversation. */
  private readonly pending = new Set<Promise<void>>();
  private readonly savingOf = new Map<string, Promise<void>>();

  constructor(
    private readonly limits: StoreLimits,
    private readonly now: () => number,
    private readonly persistence?: DlPersistence,
    /** Told when keeping a conversation in the store failed (it stays in memory). */
    private readonly onPersistError: (error: Error) => void = () => undefined,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation for a new user id (`dl_…`, as Azure reserves for ids the server vouches for). */
  create(): DlConversation {
    this.makeRoom();
    const c = this.inMemory({
      id: newId(),
      userId: `dl_${newId()}`,
      nextSeq: 1,
      lastActive: this.now(),
      entries: [],
    });
    this.keep(c);
    return c;
  }

  /**
   * The conversation, from memory or else from the store (after a restart, or when another process
   * started it); undefined when unknown, idle for longer than `idleMs`, or ended.
   */
  async load(id: string): Promise<DlConversation | undefined> {
    const known = this.get(id);
    if (known || !this.persistence || this.conversations.has(id)) return known;
    await this.savingOf.get(id); // just pushed out of memory: its last save first
    const snapshot = await this.persistence.load(id);
    if (!snapshot) return undefined;
    const again = this.get(id); // loaded meanwhile by another request
    if (again) return again;
    if (snapshot.endedAt !== undefined || this.now() - snapshot.lastActive > this.limits.idleMs) {
      await this.persistence.remove(id).catch((e: Error) => this.onPersistError(e));
      return undefined;
    }
    this.makeRoom(); // every conversation in memory in use: StoreFullError (the route answers 503)
    return this.inMemory(snapshot);
  }

  /** Waits until every change so far is kept in the store (shutdown, tests), also of conversations let go. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private makeRoom(): void {
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.values().next().value as Conversation;
      const idle = this.now() - oldest.lastActive >= this.limits.evictAfterMs;
      if (!idle && !this.expired(oldest)) throw new StoreFullError('every web conversation is in use');
      this.remove(oldest, true);
    }
  }

  private inMemory(s: DlSnapshot): Conversation {
    const entries = s.entries.map((e) => ({ ...e, bytes: Buffer.byteLength(JSON.stringify(e.activity)) }));
    const c: Conversation = {
      id: s.id,
      userId: s.userId,
      ...(s.endedAt !== undefined ? { endedAt: s.endedAt } : {}),
      entries,
      bytes: entries.reduce((n, e) => n + e.bytes, 0),
      nextSeq: s.nextSeq,
      lastActive: s.lastActive,
      listeners: new Set(),
      chain: Promise.resolve(),
      saving: Promise.resolve(),
      queued: false,
      keptAt: this.now(),
    };
    this.conversations.set(c.id, c);
    return c;
  }

  /** Saves the conversation to the store soon (changes made meanwhile go in the same save). */
  private keep(c: Conversation): void {
    const persistence = this.persistence;
    if (!persistence || c.queued) return;
    c.queued = true;
    c.keptAt = this.now();
    this.track(
      c,
      c.saving.then(async () => {
        c.queued = false;
        await persistence.save(this.snapshot(c)).catch((e: Error) => this.onPersistError(e));
      }),
    );
  }

  private track(c: Conversation, work: Promise<void>): void {
    c.saving = work;
    this.pending.add(work);
    this.savingOf.set(c.id, work);
    void work.finally(() => {
      this.pending.delete(work);
      if (this.savingOf.get(c.id) === work) this.savingOf.delete(c.id);
    });
  }

  private snapshot(c: Conversation): DlSnapshot {
    return {
      id: c.id,
      userId: c.userId,
      nextSeq: c.nextSeq,
      lastActive: c.lastActive,
      ...(c.endedAt !== undefined ? { endedAt: c.endedAt } : {}),
      entries: c.entries.map(({ seq, at, activity }) => ({ seq, at, activity: withoutTypedText(activity) })),
    };
  }

  /** The conversation, or undefined when unknown, expired or past its grace after ending. */
  get(id: string): DlConversation | undefined {
    const c = this.conversations.get(id);
    if (!c) return undefined;
    if (this.expired(c)) {
      this.remove(c, false);
      return undefined;
    }
    return c;
  }

  /** Marks the conversation as used now (least recently used goes first when the store is full). */
  touch(conv: DlConversation): void {
    const c = this.conversations.get(conv.id);
    if (!c) return;
    c.lastActive = this.now();
    // Kept in the store now and then, so a conversation only read (reloads, token refreshes) is not taken
    // for idle after a restart.
    if (c.lastActive - c.keptAt > KEEP_TOUCH_MS) this.keep(c);
    this.conversations.delete(c.id);
    this.conversations.set(c.id, c);
  }

  /** Adds an activity: gives it its id (`conversationId|0000001`) and a timestamp, and tells the listeners. */
  append(conv: DlConversation, activity: NewActivity): DlActivity {
    const c = this.conversations.get(conv.id);
    const seq = c ? c.nextSeq++ : 0;
    const stored: DlActivity = {
      ...activity,
      id: `${conv.id}|${String(seq).padStart(7, '0')}`,
      timestamp: activity.timestamp ?? new Date(this.now()).toISOString(),
      conversation: { id: conv.id },
    };
    if (!c) return stored;
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    c.entries.push({ seq, at: this.now(), bytes, activity: stored });
    c.bytes += bytes;
    while (
      c.entries.length > 1 &&
      (c.entries.length > this.limits.maxActivities || c.bytes > this.limits.maxBytes)
    )
      c.bytes -= (c.entries.shift() as Entry).bytes;
    c.lastActive = this.now();
    this.keep(c);
    const set = { activities: [stored], watermark: String(seq) };
    for (const l of c.listeners) l.send(set);
    return stored;
  }

  /** The conversation's newest watermark ('0' before anything was said). */
  watermark(conv: DlConversation): string {
    const c = this.conversations.get(conv.id);
    return String(Math.max((c?.nextSeq ?? 1) - 1, 0));
  }

  /** Activities after the watermark (all when it is empty or not a number), and the new watermark. */
  since(conv: DlConversation, watermark: unknown): ActivitySet {
    const c = this.conversations.get(conv.id);
    if (!c) return { activities: [], watermark: typeof watermark === 'string' ? watermark : '' };
    const w = typeof watermark === 'string' && /^\d{1,12}$/.test(watermark) ? Number(watermark) : 0;
    const fresh = this.now() - this.limits.typingFreshMs;
    const entries = c.entries.filter((e) => e.seq > w && (e.activity.type !== 'typing' || e.at >= fresh));
    const last = c.nextSeq - 1;
    return { activities: entries.map((e) => e.activity), watermark: String(Math.max(last, 0)) };
  }

  /** Runs `task` after the conversation's earlier turns (one turn at a time per conversation). */
  serialize<T>(conv: DlConversation, task: () => Promise<T>): Promise<T> {
    const c = this.conversations.get(conv.id);
    if (!c) return task();
    const run = c.chain.then(task, task);
    c.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * The user deleted their data: the transcript is dropped except the activities from `keepFromId`
   * on (the last turn's answer, so the client still sees it); the conversation goes after the grace.
   */
  end(conv: DlConversation, keepFromId?: string): void {
    const c = this.conversations.get(conv.id);
    if (!c) return;
    c.endedAt = this.now();
    const from = keepFromId ? c.entries.findIndex((e) => e.activity.id === keepFromId) : c.entries.length;
    c.entries = from >= 0 ? c.entries.slice(from) : [];
    c.bytes = c.entries.reduce((n, e) => n + e.bytes, 0);
    this.keep(c);
  }

  subscribe(conv: DlConversation, listener: Listener): () => void {
    const c = this.conversations.get(conv.id);
    if (!c) {
      listener.close();
      return () => undefined;
    }
    c.listeners.add(listener);
    c.lastActive = this.now();
    return () => {
      c.listeners.delete(listener);
      c.lastActive = this.now();
    };
  }

  /** Forgets idle and ended conversations; returns how many went. */
  sweep(): number {
    let n = 0;
    for (const c of [...this.conversations.values()])
      if (this.expired(c)) {
        this.remove(c, false);
        n += 1;
      }
    return n;
  }

  /** Closes every listener and lets go of everything in memory (shutdown: what is kept in the store stays). */
  clear(): void {
    for (const c of [...this.conversations.values()]) this.remove(c, true);
  }

  private expired(c: Conversation): boolean {
    const now = this.now();
    if (c.endedAt !== undefined) return now - c.endedAt > this.limits.endedGraceMs;
    return c.listeners.size === 0 && now - c.lastActive > this.limits.idleMs;
  }

  /** Out of memory; `keepStored`: still kept in the store (pushed out of memory, or a shutdown). */
  private remove(c: Conversation, keepStored: boolean): void {
    this.conversations.delete(c.id);
    for (const l of [...c.listeners]) l.close();
    c.listeners.clear();
    // A save still queued must see the transcript as it was (kept in the store); else it goes.
    if (!keepStored) c.entries = [];
    const persistence = this.persistence;
    if (!keepStored && persistence)
      this.track(
        c,
        c.saving.then(() => persistence.remove(c.id).catch((e: Error) => this.onPersistError(e))),
      );
  }
}

/** A typed message of the user, kept without its text (a button press carries a value: its label stays). */
function withoutTypedText(activity: DlActivity): DlActivity {
  const from = activity.from as { role?: string } | undefined;
  if (activity.type !== 'message' || from?.role !== 'user' || activity.value !== undefined) return activity;
  const { text: _typed, ...rest } = activity;
  return rest as DlActivity;
}
