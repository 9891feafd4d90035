import type { TeamsManifestV1D25 } from '@microsoft/app-manifest';
import type { Resources } from '../content/locales';
import type { CommandName, Lang } from '../engine/types';
import { ACCENT_COLOR } from './icons';

/**
 * The Teams app manifest (schema 1.25) of the bot: English in manifest.json, Dutch and French in
 * localization files (Teams picks the one of the user's Teams language). Every word comes from
 * locales/<lng>/teams.json.
 */
export const MANIFEST_VERSION = '1.25';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const MANIFEST_SCHEMA = `${SCHEMA_BASE}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA = `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`;

export type Manifest = TeamsManifestV1D25.TeamsManifestV1D25;
export type Localization = Record<string, string>;

export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;
/** The languages of the localization files, besides English in the manifest itself. */
export const OTHER_LANGUAGES = ['nl', 'fr'] as const satisfies readonly Lang[];
export const SCOPES = ['personal', 'team', 'groupChat'] as const;

const APP_TEXT = {
  'name.short': 'teams:app.name',
  'name.full': 'teams:app.fullName',
  'description.short': 'teams:app.shortDescription',
  'description.full': 'teams:app.fullDescription',
} as const;

/**
 * Teams' command menu. Picking a command sends its title as a message, so each title is a command word
 * of its language in locales/<lng>/commands.json (checked in tests/teams/manifest.test.ts).
 */
export const COMMAND_MENU: readonly { command: CommandName; title: string; description: string }[] = [
  { command: 'menu', title: 'teams:commands.menu.title', description: 'teams:commands.menu.description' },
  { command: 'plan', title: 'teams:commands.plan.title', description: 'teams:commands.plan.description' },
  { command: 'help', title: 'teams:commands.help.title', description: 'teams:commands.help.description' },
  {
    command: 'language',
    title: 'teams:commands.language.title',
    description: 'teams:commands.language.description',
  },
];

export interface ManifestOptions {
  /** The Microsoft App ID of the bot (Azure Bot registration). */
  botId: string;
  /** The Teams app's own id; the bot id when not given. */
  appId?: string;
  /** The app version (semver), from package.json. */
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  resources: Resources;
}

/** A text of the `teams` namespace, exactly as written in the locale file (no fallback to English). */
export function teamsText(resources: Resources, lng: Lang, key: string): string {
  const [ns, path] = key.split(':') as [string, string];
  let node: unknown = resources[lng]?.[ns];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string' || !node.trim())
    throw new Error(`locales/${lng}/${ns}.json: "${path}" is missing; the Teams app package needs it.`);
  return node;
}

/** The localizable strings of the manifest in one language, under the names of the localization schema. */
function strings(resources: Resources, lng: Lang): Localization {
  const out: Localization = {};
  for (const [name, key] of Object.entries(APP_TEXT)) out[name] = teamsText(resources, lng, key);
  COMMAND_MENU.forEach((c, i) => {
    out[`bots[0].commandLists[0].commands[${i}].title`] = teamsText(resources, lng, c.title);
    out[`bots[0].commandLists[0].commands[${i}].description`] = teamsText(resources, lng, c.description);
  });
  return out;
}

export function buildManifest(options: ManifestOptions): {
  manifest: Manifest;
  localizations: Record<(typeof OTHER_LANGUAGES)[number], Localization>;
} {
  const en = (key: string) => teamsText(options.resources, 'en', key);
  const manifest: Manifest = {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId ?? options.botId,
    localizationInfo: {
      defaultLanguageTag: 'en',
      additionalLanguages: OTHER_LANGUAGES.map((lng) => ({ languageTag: lng, file: `${lng}.json` })),
    },
    developer: options.developer,
    name: { short: en(APP_TEXT['name.short']), full: en(APP_TEXT['name.full']) },
    description: { short: en(APP_TEXT['description.short']), full: en(APP_TEXT['description.full']) },
    icons: { ...ICON_FILES },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: options.botId,
        scopes: [...SCOPES],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [
          {
            scopes: [...SCOPES],
            commands: COMMAND_MENU.map((c) => ({ title: en(c.title), description: en(c.description) })),
          },
        ],
      },
    ],
  };
  const localizations = {} as Record<(typeof OTHER_LANGUAGES)[number], Localization>;
  for (const lng of OTHER_LANGUAGES)
    localizations[lng] = { $schema: LOCALIZATION_SCHEMA, ...strings(options.resources, lng) };
  return { manifest, localizations };
}
