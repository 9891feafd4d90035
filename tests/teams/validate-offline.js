/*
 * Validates JSON files against the official Teams schemas with @microsoft/app-manifest, offline, and
 * prints { results: { file: problems[] }, requests } as JSON. Run as a plain Node process: the library
 * loads an ES module with require(), which Node 20.19+ does and Jest's module system does not.
 *
 * Every network request is refused and counted: the schemas must come from the copies bundled with the
 * library (it maps `$schema` addresses of developer.microsoft.com to them).
 *
 * The official localization schemas have two patterns with a lone `]` (`…\b]\.description$`), which the
 * validator cannot compile in unicode mode; for localization files that `]` is escaped, same meaning.
 */
const fs = require('node:fs');

let requests = 0;
globalThis.fetch = async (url) => {
  requests += 1;
  throw new Error(`offline check: request to ${url} refused`);
};
const { AppManifestUtils } = require('@microsoft/app-manifest');

async function validate(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!/Localization\.schema\.json$/.test(json.$schema ?? ''))
    return AppManifestUtils.validateAgainstSchema(json);
  const schema = JSON.parse(
    JSON.stringify(await AppManifestUtils.fetchSchema(json.$schema)).replace(/\\\\b\]/g, '\\\\b\\\\]'),
  );
  return AppManifestUtils.validateAgainstSchema(json, schema);
}

(async () => {
  const results = {};
  for (const file of process.argv.slice(2)) results[file] = await validate(file);
  process.stdout.write(JSON.stringify({ results, requests }));
})().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
