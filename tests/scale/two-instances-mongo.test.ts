import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildContent, type AppContent } from '../../src/content/build-content';
import type { PersistedConversation } from '../../src/engine/types';
import { MongoStorage } from '../../src/storage/mongo-storage';
import { message, texts, type Reply } from '../helpers/http-bot';

/**
 * Scale-out proof with MongoDB, as instances on several machines run: two bot processes (the built
 * `dist/src/main.js`) with their own DATA_DIR share one MongoDB database (MONGODB_TEST_URI: in CI FerretDB,
 * see .ci/ferretdb.sh). 50 conversations at once, their presses alternating between the two processes.
 * Every turn must be answered (200, never a 5xx), applied exactly once when acknowledged and not at all
 * when the user is asked to try again; no saved plan item may be lost. Without a server: skipped, saying so.
 */
const URI = process.env.MONGODB_TEST_URI;
const DB = `two-instances-${process.pid}-${Date.now()}`;
const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const CONVERSATIONS = 50;
const TIPS_PER_CONVERSATION = 6;

interface Instance {
  name: string;
  url: string;
  proc: ChildProcess;
  output: string[];
}

let content: AppContent;
let dataDir: string;
const describeWithMongo = URI ? describe : describe.skip;
if (!URI)
  console.warn(
    'SKIPPED: two instances on one MongoDB database: no MONGODB_TEST_URI (CI starts FerretDB for it: .ci/ferretdb.sh)',
  );
const instances: Instance[] = [];

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ code, output }));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const ownDir = fs.mkdtempSync(path.join(dataDir, `${name}-`));
  // A clean environment (no MONGODB_URI, no app id from the developer's shell), and a working directory
  // without a .env file; the content is found next to dist/.
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: ownDir,
    LOG_LEVEL: 'warn',
    MONGODB_URI: URI ?? '',
    MONGODB_DB: DB,
    PLAN_LINK_SECRET: 'two-instances-plan-link-secret-0123456789',
    // What is tested is "exactly once", not speed: FerretDB's SQLite backend shares the machine with the
    // other test files, so its slow moments must not turn into store timeouts here.
    STORE_TIMEOUT_MS: '60000',
    MONGODB_TIMEOUT_MS: '60000',
  };
  const proc = spawn(process.execPath, [MAIN], { cwd: ownDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const instance: Instance = { name, url: `http://127.0.0.1:${port}`, proc, output: [] };
  proc.stdout?.on('data', (d: Buffer) => instance.output.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => instance.output.push(d.toString()));
  instances.push(instance);
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited: ${instance.output.join('')}`);
    const ready = await fetch(`${instance.url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return instance;
    if (Date.now() > deadline) throw new Error(`${name} did not get ready: ${instance.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.proc.exitCode !== null || instance.proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => instance.proc.once('exit', () => resolve()));
  instance.proc.kill('SIGTERM');
  const timer = setTimeout(() => instance.proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

describeWithMongo('two bot processes on one MongoDB database', () => {
  beforeAll(async () => {
    content = buildContent();
    // Build as `npm start` does (npx tsc -p tsconfig.build.json), so the processes run the current sources.
    const build = await run(process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
    ]);
    if (!fs.existsSync(MAIN)) throw new Error(`build failed:\n${build.output}`);
    // tsc emits JavaScript even when some file has a type error; type errors are `npm run typecheck`'s to
    // report, this test needs the JavaScript.
    if (build.code !== 0)
      console.warn(
        `tsc reported errors (testing the emitted code anyway):\n${build.output.split('\n').slice(0, 20).join('\n')}`,
      );
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-instances-mongo-'));
    await Promise.all([startInstance('A'), startInstance('B')]);
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) console.log('OUT', i.name, i.output.join('').slice(0, 3000));
    await Promise.all(instances.map(stopInstance));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }, 30_000);

  const t = (key: string, options?: Record<string, unknown>) =>
    content.i18n.getFixedT('en')(key, { days: 30, ...options }) as string;

  const statuses: number[] = [];
  async function send(instance: Instance, activity: Record<string, unknown>): Promise<Reply[]> {
    const res = await fetch(`${instance.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
    });
    statuses.push(res.status);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${instance.name} answered ${res.status}: ${body}`);
    return (JSON.parse(body) as { activities?: Reply[] }).activities ?? [];
  }

  it('applies every turn exactly once: 50 conversations at once, presses alternating between the processes', async () => {
    const [a, b] = instances as [Instance, Instance];
    const other = (i: Instance) => (i === a ? b : a);
    const tips = [...content.engine.index.tips.keys()].slice(0, TIPS_PER_CONVERSATION);
    expect(tips).toHaveLength(TIPS_PER_CONVERSATION);
    const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => `scale-${i}`);
    const store = MongoStorage.create({
      uri: URI as string,
      dbName: DB,
      collection: 'state',
      ttlMs: 60 * 60 * 1000,
    });
    const stored = async (c: string) =>
      (await store.read([`conv/emulator/${c}`]))[`conv/emulator/${c}`] as PersistedConversation | undefined;

    try {
      // Racing first turns: both processes get the first message of each conversation at the same time.
      const firsts = await Promise.all(
        conversations.flatMap((c) => [
          send(a, message(c, { text: 'hi' })),
          send(b, message(c, { text: 'hi' })),
        ]),
      );
      expect(firsts.every((replies) => texts(replies).length > 0)).toBe(true);
      for (const c of conversations) expect(await stored(c)).toBeDefined();

      // A user asked to try again tries again, on the other process.
      let retries = 0;
      const acknowledged = new Map(conversations.map((c) => [c, [] as string[]]));
      const saveTip = async (c: string, tip: string, first: Instance) => {
        for (let attempt = 0, target = first; attempt < 30; attempt++, target = other(target)) {
          const replies = await send(target, message(c, { value: { kind: 'tip', op: 'save', tip } }));
          const answer = texts(replies)[0];
          if (answer === t('common:tip.saved')) {
            acknowledged.get(c)!.push(tip);
            return;
          }
          expect(answer).toBe(t('common:conflict'));
          // Refused means not applied: nothing else saves this tip while this user waits.
          expect((await stored(c))!.context.savedTips).not.toContain(tip);
          retries++;
        }
        throw new Error(`tip ${tip} of ${c} never got saved`);
      };
      // 50 users at once, each pressing one button after the other, served alternately by A and B.
      await Promise.all(
        conversations.map(async (c, ci) => {
          for (const [ti, tip] of tips.entries()) await saveTip(c, tip, (ci + ti) % 2 ? b : a);
        }),
      );

      for (const c of conversations) {
        // Each acknowledged turn applied exactly once: every tip present, none twice, nothing else.
        expect([...acknowledged.get(c)!].sort()).toEqual([...tips].sort());
        const state = (await stored(c))!;
        expect([...state.context.savedTips].sort()).toEqual([...tips].sort());
        // Consistent: both processes read the same conversation and carry on from it.
        for (const instance of [a, b]) {
          // "My plan" is one message: its title and the count of saved tips.
          const plan = texts(await send(instance, message(c, { text: 'my plan' })))[0] as string;
          expect(plan).toContain(t('common:plan.title'));
          expect(plan).toContain(t('common:plan.tips', { count: TIPS_PER_CONVERSATION }));
        }
      }
      expect(statuses.every((s) => s === 200)).toBe(true);
      for (const instance of instances) expect(instance.proc.exitCode).toBeNull();
      console.log(
        `two processes, one MongoDB database (${URI}): ${CONVERSATIONS} conversations, ${statuses.length} requests, all 200; ${retries} answered "please try again" and were retried; every saved tip kept once`,
      );
    } finally {
      await store.close();
    }
  }, 180_000);
});
