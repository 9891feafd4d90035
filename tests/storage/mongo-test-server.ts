import { spawnSync } from 'node:child_process';

/**
 * Where the MongoDB tests get a server, decided when the test file loads (Jest cannot skip later):
 * - `MONGODB_TEST_URI`: a running server (each test uses collections of its own);
 * - otherwise mongodb-memory-server-core starts a throwaway `mongod`: `MONGOMS_SYSTEM_BINARY` (or a binary
 *   it downloaded before). It may download one only when `MONGOMS_RUNTIME_DOWNLOAD=true` is set: by default
 *   the download is off, so a machine without MongoDB finds out in milliseconds instead of after retries.
 * With no server the tests are skipped with a plain "SKIPPED: …" warning, or fail with REQUIRE_MONGODB=1.
 */
export interface RunningMongo {
  uri: string;
  stop(): Promise<void>;
}

type MongoTarget = { available: true; start(): Promise<RunningMongo> } | { available: false; reason: string };

const HOW =
  'set MONGOMS_SYSTEM_BINARY=/path/to/mongod, or MONGODB_TEST_URI=mongodb://host:port, ' +
  'or MONGOMS_RUNTIME_DOWNLOAD=true to let mongodb-memory-server download one';

// Resolves the binary the way MongoMemoryServer.create() will, in a child process (synchronous for us).
const PROBE = `require(process.argv[1]).MongoBinary.getPath().then(
  (p) => process.stdout.write('OK ' + p),
  (e) => process.stdout.write('ERR ' + String(e && e.message).split('\\n')[0]),
);`;

function findMongo(): MongoTarget {
  const uri = process.env.MONGODB_TEST_URI;
  if (uri) return { available: true, start: async () => ({ uri, stop: async () => undefined }) };

  process.env.MONGOMS_RUNTIME_DOWNLOAD ??= 'false';
  const downloads = !/^(false|0|off|no)$/i.test(process.env.MONGOMS_RUNTIME_DOWNLOAD);
  const probe = spawnSync(process.execPath, ['-e', PROBE, require.resolve('mongodb-memory-server-core')], {
    encoding: 'utf8',
    env: process.env,
    timeout: downloads ? 10 * 60_000 : 30_000,
  });
  const out = (probe.stdout ?? '').trim();
  if (!out.startsWith('OK ')) {
    const why = out.replace(/^ERR /, '') || probe.error?.message || `probe exited with ${probe.status}`;
    return { available: false, reason: `no MongoDB server (${why}); ${HOW}` };
  }
  return {
    available: true,
    start: async () => {
      const { MongoMemoryServer } = await import('mongodb-memory-server-core');
      const server = await MongoMemoryServer.create();
      return { uri: server.getUri(), stop: async () => void (await server.stop()) };
    },
  };
}

/**
 * A describe block that runs against a real MongoDB when there is one. `uri()` gives the server's
 * connection string inside tests and hooks.
 */
export function describeWithMongo(title: string, body: (uri: () => string) => void): void {
  const target = findMongo();
  if (!target.available) {
    const required = /^(1|true|yes)$/i.test(process.env.REQUIRE_MONGODB ?? '');
    if (required) {
      describe(title, () => {
        it('has a MongoDB server (REQUIRE_MONGODB=1)', () => {
          throw new Error(`REQUIRE_MONGODB=1, but there is ${target.reason}`);
        });
      });
      return;
    }
    console.warn(`SKIPPED: ${title}: ${target.reason}`);
    describe.skip(title, () => body(() => 'mongodb://skipped'));
    return;
  }
  describe(title, () => {
    let running: RunningMongo | undefined;
    beforeAll(async () => {
      running = await target.start();
    }, 120_000);
    afterAll(async () => {
      await running?.stop();
    });
    body(() => {
      if (!running) throw new Error('MongoDB did not start');
      return running.uri;
    });
  });
}
