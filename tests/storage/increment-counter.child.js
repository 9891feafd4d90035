// Child process of the cross-process test in lmdb-storage.test.ts. It runs the real LmdbStorage class:
// ts-node is not available, so the TypeScript sources are transpiled in memory with the installed
// `typescript` compiler. Usage (via child_process.fork): <db path> <key> <increments>.
// It does optimistic increments (read eTag -> write with it -> on conflict read again and retry) and
// reports { conflicts } to the parent.
'use strict';

const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

const { LmdbStorage } = require('../../src/storage/lmdb-storage.ts');
const { StorageConflictError } = require('../../src/storage/storage-types.ts');

async function main() {
  const [path, key, increments] = process.argv.slice(2);
  const store = LmdbStorage.open({ path, ttlMs: 60 * 60 * 1000 });
  let conflicts = 0;
  for (let done = 0; done < Number(increments);) {
    const current = (await store.read([key]))[key];
    if (!current) throw new Error(`counter ${key} is missing`);
    try {
      await store.write({ [key]: { ...current, n: current.n + 1 } });
      done++;
    } catch (error) {
      if (!(error instanceof StorageConflictError)) throw error;
      conflicts++;
    }
  }
  await store.close();
  process.send({ conflicts }, () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
