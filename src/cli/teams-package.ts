/*
 * Writes the Microsoft Teams app package (manifest.json, icons, nl/fr localizations) as a zip.
 *   npm run teams:package [-- --out path/to/app.zip]
 * Needs MICROSOFT_APP_ID (or MicrosoftAppId), the bot's Microsoft App ID; see README "Microsoft Teams".
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDotEnv } from '../config';
import {
  buildTeamsPackage,
  PACKAGE_FILE,
  PackageSettingsError,
  packageRoot,
  readPackageSettings,
} from '../teams/app-package';
import { MANIFEST_VERSION } from '../teams/manifest';
import { validatePackageFiles } from '../teams/validate-package';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  loadDotEnv();
  const settings = readPackageSettings(process.env);
  const built = await buildTeamsPackage(settings);
  const problems = await validatePackageFiles(built.files);
  if (problems === undefined)
    console.warn('Schema check skipped: @microsoft/app-manifest (a dev dependency) is not installed.');
  else if (problems.length) {
    console.error(
      `The Teams manifest does not match schema ${MANIFEST_VERSION}:\n- ${problems.join('\n- ')}`,
    );
    return 1;
  }
  const out = path.resolve(values.out ?? path.join(packageRoot(), 'dist', 'teams', PACKAGE_FILE));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, built.zip);
  console.log(
    `Teams app package written to ${path.relative(process.cwd(), out) || out}: app ${built.manifest.version}, ` +
      `manifest ${MANIFEST_VERSION}${problems ? ' (valid against its schema)' : ''}, bot ${settings.botId}, ` +
      `files ${Object.keys(built.files).join(', ')}.`,
  );
  for (const d of settings.defaulted) console.warn(`Note: ${d}; set it before publishing the app.`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof PackageSettingsError) console.error(e.message);
    else console.error(e);
    process.exitCode = 1;
  },
);
