import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/**
 * A server in a child process, so the load generator never shares its core. The child prints one JSON
 * line `{"port": n}` on stdout once it listens on 127.0.0.1.
 */
export interface ServerChild {
  url: string;
  pid: number;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  script: string;
  args?: string[];
  nodeArgs?: string[];
  /** The child's whole environment; inherited when absent. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}

export function startServer(o: SpawnOptions): Promise<ServerChild> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.script, ...(o.args ?? [])], {
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = ''; // the last 4 kB, for the error message if it does not start
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4096)));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      void stopChild(child);
      reject(new Error(`${o.script}: ${why}\n${stderr}`));
    };
    const timer = setTimeout(() => fail('no port announced in time'), o.timeoutMs ?? 30_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`exited (${code ?? signal}) before listening`);
    });
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let port: unknown;
      try {
        port = (JSON.parse(line) as { port?: unknown }).port;
      } catch {
        return;
      }
      if (typeof port !== 'number') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      lines.close();
      child.stdout?.resume();
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop: () => stopChild(child) });
    });
  });
}
