/*
 * Lets `node -r ./tests/teams/ts-register.js src/cli/teams-package.ts` run TypeScript as it is, so the
 * tests start the real command-line entry point (exit code, stderr) without a build. Transpile only:
 * type checking is `npm run typecheck`.
 */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};
