import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { FaultyStorage } from '../helpers/faulty-storage';
import { message, startBot, tempDir, texts } from '../helpers/http-bot';

const ROOT = path.resolve(__dirname, '../..');
const common = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/en/common.json'), 'utf8')) as {
  notUnderstood: string;
  smallTalk: { greet: string };
};

/** A store whose writes take `delayMs`: a turn is then surely in flight when the shutdown begins. */
class SlowStorage extends FaultyStorage {
  delayMs = 0;
  override async write(changes: Record<string, unknown>): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return super.write(changes);
  }
}

describe('graceful shutdown', () => {
  it('stops accepting, lets the turn in flight finish and answer, then closes the store', async () => {
    const dataDir = tempDir();
    const store = new SlowStorage(dataDir);
    const bot = await startBot({}, dataDir, { storage: store });
    await bot.send(message('bye', { text: 'hello' }));
    store.delayMs = 600;
    const inFlight = bot.send(message('bye', { text: 'help' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(bot.app.inFlight.count).toBe(1);
    let closedAt = 0;
    const closing = bot.app.close().then((finished) => {
      closedAt = Date.now();
      return finished;
    });
    // No new connections once the shutdown began.
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
    const answered = await inFlight;
    const answeredAt = Date.now();
    expect(answered.status).toBe(200);
    expect(texts(answered.replies).length).toBeGreaterThan(0);
    expect(await closing).toBe(true);
    expect(closedAt).toBeGreaterThanOrEqual(answeredAt - 50);
    expect(store.closed).toBe(true);
    // The turn was saved before the store closed.
    const reopened = new FaultyStorage(dataDir);
    const key = 'conv/emulator/bye';
    expect((await reopened.read([key]))[key]).toMatchObject({ state: expect.any(String) });
    await reopened.close();
  });

  it('on SIGTERM the process logs, finishes, closes the store and exits 0; a new process continues', async () => {
    const dataDir = tempDir();
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const env = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    };
    const start = () => {
      const proc = spawn(
        process.execPath,
        ['-r', path.join(ROOT, 'tests/teams/ts-register.js'), path.join(ROOT, 'src/main.ts')],
        { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
      return { proc, exited, output: () => output };
    };
    const url = `http://127.0.0.1:${port}`;
    const ready = async (p: ReturnType<typeof start>) => {
      for (let i = 0; i < 300; i += 1) {
        if (p.proc.exitCode !== null) throw new Error(p.output());
        if (
          await fetch(`${url}/readyz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`not ready: ${p.output()}`);
    };
    const post = (text: string) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message('sigterm', { text }), deliveryMode: 'expectReplies' }),
      });

    const first = start();
    await ready(first);
    expect((await post('hello')).status).toBe(200);
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const logs = first
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; finished?: boolean });
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(logs.find((l) => l.msg === 'stopped')?.finished).toBe(true);

    const second = start();
    try {
      await ready(second);
      // Known, so not welcomed again: "hello" gets a short greeting where the user was, not the welcome.
      const resumed = (await (await post('hello')).json()) as { activities: { text?: string }[] };
      expect(resumed.activities[0]?.text).toBe(common.smallTalk.greet);
    } finally {
      second.proc.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});
