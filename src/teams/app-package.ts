import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod4';
import { loadLocales } from '../content/locales';
import { colorIcon, outlineIcon } from './icons';
import { buildManifest, ICON_FILES, type Manifest, type ManifestOptions } from './manifest';

/**
 * The Teams app package: a zip with manifest.json, the two icons and the nl/fr localization files at
 * its root, as Teams (Developer Portal, admin center, "Upload a custom app") expects it.
 */
export const PACKAGE_FILE = 'iknowhow-roadmap-bot.zip';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PROJECT_PAGE = 'https://www.interreg2seas.eu/en/I-KNOW-HOW';

export class PackageSettingsError extends Error {
  override name = 'PackageSettingsError';
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
const guid = (name: string) =>
  optional.refine((v) => v === undefined || GUID.test(v), `must be a GUID (the ${name})`);
const https = optional.refine(
  (v) => v === undefined || /^https:\/\/[^\s/]+/.test(v),
  'must be an https:// address (Teams requires https)',
);

const settingsSchema = z.object({
  MICROSOFT_APP_ID: guid('Microsoft App ID of the Azure Bot registration'),
  MicrosoftAppId: guid('Microsoft App ID of the Azure Bot registration'),
  TEAMS_APP_ID: guid('Teams app id'),
  TEAMS_DEVELOPER_NAME: optional.refine((v) => v === undefined || v.length <= 32, 'at most 32 characters'),
  TEAMS_WEBSITE_URL: https,
  TEAMS_PRIVACY_URL: https,
  TEAMS_TERMS_URL: https,
  PUBLIC_URL: optional,
});

export type PackageSettings = Omit<ManifestOptions, 'resources' | 'version'> & {
  /** Settings that fell back to a default the operator should replace before publishing. */
  defaulted: string[];
};

/**
 * The package settings from the environment. The bot id (`MICROSOFT_APP_ID`, or `MicrosoftAppId` as the
 * bot itself reads it) is required: a Teams app without it cannot reach the bot.
 */
export function readPackageSettings(env: Record<string, string | undefined>): PackageSettings {
  const r = settingsSchema.safeParse(env);
  if (!r.success)
    throw new PackageSettingsError(
      `Invalid Teams package settings:\n${r.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  const e = r.data;
  const botId = e.MICROSOFT_APP_ID ?? e.MicrosoftAppId;
  if (!botId)
    throw new PackageSettingsError(
      'MICROSOFT_APP_ID is not set. The Teams app package needs the Microsoft App ID of the bot ' +
        '(the Azure Bot registration, a GUID): set MICROSOFT_APP_ID (or MicrosoftAppId) in the ' +
        'environment or in .env, then run `npm run teams:package` again.',
    );
  const defaulted: string[] = [];
  const publicSite = e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL : undefined;
  const websiteUrl = e.TEAMS_WEBSITE_URL ?? publicSite ?? PROJECT_PAGE;
  if (!e.TEAMS_WEBSITE_URL) defaulted.push(`TEAMS_WEBSITE_URL (using ${websiteUrl})`);
  if (!e.TEAMS_PRIVACY_URL) defaulted.push(`TEAMS_PRIVACY_URL (using ${websiteUrl})`);
  if (!e.TEAMS_TERMS_URL) defaulted.push(`TEAMS_TERMS_URL (using ${websiteUrl})`);
  return {
    botId,
    appId: e.TEAMS_APP_ID,
    developer: {
      name: e.TEAMS_DEVELOPER_NAME ?? 'I-KNOW-HOW roadmap bot',
      websiteUrl,
      privacyUrl: e.TEAMS_PRIVACY_URL ?? websiteUrl,
      termsOfUseUrl: e.TEAMS_TERMS_URL ?? websiteUrl,
    },
    defaulted,
  };
}

/** The project root: two levels above this file in src/ and in dist/src/. */
export function packageRoot(): string {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: Manifest;
  /** Every file of the zip, by name. */
  files: Record<string, Buffer>;
}

/** Builds the zip in memory. The files carry a fixed date, so the same input gives the same zip. */
export async function buildTeamsPackage(
  settings: Omit<ManifestOptions, 'resources' | 'version'>,
  root = packageRoot(),
): Promise<BuiltPackage> {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const resources = loadLocales(path.join(root, 'locales'));
  const { manifest, localizations } = buildManifest({ ...settings, version, resources });
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const files: Record<string, Buffer> = {
    'manifest.json': json(manifest),
    [ICON_FILES.color]: colorIcon(),
    [ICON_FILES.outline]: outlineIcon(),
    ...Object.fromEntries(Object.entries(localizations).map(([lng, l]) => [`${lng}.json`, json(l)])),
  };
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date });
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zip: buffer, manifest, files };
}
