import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { loadLocales } from '../../src/content/locales';
import { LANGUAGES, type Lang } from '../../src/engine/types';
import { readPackageSettings } from '../../src/teams/app-package';
import { COMMAND_MENU, LOCALIZATION_SCHEMA, MANIFEST_SCHEMA, teamsText } from '../../src/teams/manifest';
import { normalize } from '../../src/understanding/normalize';
import { ROOT } from '../helpers/engine';

/**
 * The Teams app package as `npm run teams:package` writes it: the real command-line entry point is run
 * (TypeScript transpiled on the fly, no build), the zip is opened, and its manifest and localization
 * files are validated against the official schemas, offline.
 */
const BOT_ID = '3f0e2d1c-4b5a-4c6d-8e7f-901a2b3c4d5e';
const CLI = path.join(ROOT, 'src', 'cli', 'teams-package.ts');
const REGISTER = path.join(__dirname, 'ts-register.js');
const VALIDATE = path.join(__dirname, 'validate-offline.js');

/** Validates files with @microsoft/app-manifest in a Node process with the network refused. */
function validateOffline(files: string[]): { results: Record<string, string[]>; requests: number } {
  const r = spawnSync(process.execPath, [VALIDATE, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`validate-offline.js failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function runCli(env: Record<string, string>, args: string[] = []) {
  // A working directory of its own: no .env of the developer's machine, no leftover variables.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(MICROSOFT_APP_ID|MicrosoftApp\w*|TEAMS_\w+|PUBLIC_URL)$/.test(k),
    ),
  );
  const r = spawnSync(process.execPath, ['-r', REGISTER, CLI, ...args], {
    cwd,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...r, cwd };
}

describe('npm run teams:package', () => {
  it('fails with a clear message and a non-zero exit without the bot’s app id', () => {
    const r = runCli({}, ['--out', 'app.zip']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MICROSOFT_APP_ID is not set/);
    expect(r.stderr).toMatch(/Microsoft App ID of the bot/);
    expect(fs.existsSync(path.join(r.cwd, 'app.zip'))).toBe(false);
  });

  it('fails clearly when the app id is not a GUID', () => {
    const r = runCli({ MICROSOFT_APP_ID: 'my-bot' }, ['--out', 'app.zip']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MICROSOFT_APP_ID: must be a GUID/);
  });

  describe('with MICROSOFT_APP_ID', () => {
    let files: Record<string, Buffer>;
    let manifest: Record<string, unknown> & {
      bots: {
        botId: string;
        scopes: string[];
        commandLists: { scopes: string[]; commands: { title: string }[] }[];
      }[];
    };
    let stdout: string;
    let dir: string;

    beforeAll(async () => {
      const r = runCli({ MICROSOFT_APP_ID: BOT_ID }, ['--out', 'out/app.zip']);
      stdout = r.stdout;
      expect({ status: r.status, stderr: r.stderr.replace(/^Note: .*$/gm, '').trim() }).toEqual({
        status: 0,
        stderr: '',
      });
      const zip = await JSZip.loadAsync(fs.readFileSync(path.join(r.cwd, 'out', 'app.zip')));
      files = {};
      dir = path.join(r.cwd, 'unzipped');
      fs.mkdirSync(dir);
      for (const name of Object.keys(zip.files)) {
        files[name] = await zip.file(name)!.async('nodebuffer');
        fs.writeFileSync(path.join(dir, name), files[name]!);
      }
      manifest = JSON.parse(files['manifest.json']!.toString('utf8'));
    }, 60_000);

    it('writes the manifest, two icons and the nl and fr localizations at the root of the zip', () => {
      expect(Object.keys(files).sort()).toEqual([
        'color.png',
        'fr.json',
        'manifest.json',
        'nl.json',
        'outline.png',
      ]);
      expect(stdout).toMatch(/valid against its schema/);
    });

    it('is valid against the official 1.25 schemas, validated offline (no request leaves the process)', () => {
      expect(manifest.$schema).toBe(
        'https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
      );
      expect(manifest.$schema).toBe(MANIFEST_SCHEMA);
      expect(manifest.manifestVersion).toBe('1.25');
      for (const lng of ['nl', 'fr'])
        expect(JSON.parse(files[`${lng}.json`]!.toString('utf8')).$schema).toBe(LOCALIZATION_SCHEMA);
      const names = ['manifest.json', 'nl.json', 'fr.json'];
      const { results, requests } = validateOffline(names.map((n) => path.join(dir, n)));
      expect(Object.values(results)).toEqual([[], [], []]);
      expect(requests).toBe(0);
    });

    it('the schema check really checks: a bad bot id, a long name or an unknown key fails', () => {
      const broken = JSON.parse(JSON.stringify(manifest));
      broken.bots[0].botId = 'not-a-guid';
      broken.name.short = 'x'.repeat(31);
      fs.writeFileSync(path.join(dir, 'broken-manifest.json'), JSON.stringify(broken));
      const nl = JSON.parse(files['nl.json']!.toString('utf8'));
      nl['name.short'] = 'x'.repeat(31);
      nl['bots[0].commandLists[0].commands[99].title'] = 'unknown';
      fs.writeFileSync(path.join(dir, 'broken-nl.json'), JSON.stringify(nl));
      const { results } = validateOffline([
        path.join(dir, 'broken-manifest.json'),
        path.join(dir, 'broken-nl.json'),
      ]);
      const [m, l] = Object.values(results).map((p) => p.join('\n'));
      expect(m).toMatch(/botId/);
      expect(m).toMatch(/name\/short/);
      expect(l).toMatch(/name\.short/);
      expect(l).toMatch(/additional properties/);
    });

    it('carries the bot id, the package.json version, the three scopes and the four commands', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(manifest.version).toBe(pkg.version);
      expect(manifest.id).toBe(BOT_ID);
      const [botEntry] = manifest.bots;
      expect(botEntry!.botId).toBe(BOT_ID);
      expect(botEntry!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
      expect(botEntry!.commandLists[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
      expect(botEntry!.commandLists[0]!.commands.map((c) => c.title)).toEqual([
        'menu',
        'my plan',
        'help',
        'language',
      ]);
      expect(manifest.localizationInfo).toEqual({
        defaultLanguageTag: 'en',
        additionalLanguages: [
          { languageTag: 'nl', file: 'nl.json' },
          { languageTag: 'fr', file: 'fr.json' },
        ],
      });
    });

    it('has a 192×192 opaque colour icon and a 32×32 white outline icon on a transparent background', () => {
      const color = PNG.sync.read(files['color.png']!);
      expect([color.width, color.height]).toEqual([192, 192]);
      const outline = PNG.sync.read(files['outline.png']!);
      expect([outline.width, outline.height]).toEqual([32, 32]);

      const alphas = (png: PNG) =>
        Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4 + 3]!);
      expect(alphas(color).every((a) => a === 255)).toBe(true);
      const outlineAlphas = alphas(outline);
      const transparent = outlineAlphas.filter((a) => a === 0).length;
      const solid = outlineAlphas.filter((a) => a === 255).length;
      // Mostly transparent background, a clearly drawn glyph; every visible pixel is white.
      expect(transparent / outlineAlphas.length).toBeGreaterThan(0.5);
      expect(solid).toBeGreaterThan(100);
      for (let i = 0; i < outline.width * outline.height; i++)
        if (outline.data[i * 4 + 3]! > 0)
          expect([outline.data[i * 4], outline.data[i * 4 + 1], outline.data[i * 4 + 2]]).toEqual([
            255, 255, 255,
          ]);
      // The colour icon: white glyph on the accent colour, with good contrast.
      const accent = (manifest.accentColor as string).toLowerCase();
      const corner = `#${[0, 1, 2].map((k) => color.data[k]!.toString(16).padStart(2, '0')).join('')}`;
      expect(corner).toBe(accent);
      expect(contrast([255, 255, 255], hex(accent))).toBeGreaterThan(4.5);
    });

    it('localizes the names and commands in Dutch and French from locales/*/teams.json', () => {
      const nl = JSON.parse(files['nl.json']!.toString('utf8'));
      expect(nl['name.short']).toBe('Routekaart kanker en werk');
      expect(nl['bots[0].commandLists[0].commands[1].title']).toBe('mijn plan');
      const fr = JSON.parse(files['fr.json']!.toString('utf8'));
      expect(fr['bots[0].commandLists[0].commands[2].title']).toBe('aide');
    });
  });
});

describe('the command menu', () => {
  const resources = loadLocales(path.join(ROOT, 'locales'));

  it.each(LANGUAGES)(
    '%s: each command title is a command word of that command (Teams sends the title as text)',
    (lng: Lang) => {
      const words = resources[lng].commands as Record<string, string[]>;
      for (const c of COMMAND_MENU) {
        const title = normalize(teamsText(resources, lng, c.title));
        expect({ command: c.command, known: words[c.command]!.map(normalize).includes(title) }).toEqual({
          command: c.command,
          known: true,
        });
      }
    },
  );
});

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('package settings', () => {
  const id = '3f0e2d1c-4b5a-4c6d-8e7f-901a2b3c4d5e';

  it('takes the bot id from MICROSOFT_APP_ID or, as the bot reads it, MicrosoftAppId', () => {
    expect(readPackageSettings({ MICROSOFT_APP_ID: id }).botId).toBe(id);
    expect(readPackageSettings({ MicrosoftAppId: id }).botId).toBe(id);
    expect(() => readPackageSettings({ MICROSOFT_APP_ID: ' ' })).toThrow(/MICROSOFT_APP_ID is not set/);
  });

  it('uses TEAMS_APP_ID and the developer addresses when given, and says which ones fell back to a default', () => {
    const s = readPackageSettings({
      MICROSOFT_APP_ID: id,
      TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
      TEAMS_WEBSITE_URL: 'https://bot.example.org',
      TEAMS_PRIVACY_URL: 'https://bot.example.org/privacy',
    });
    expect(s.appId).toBe('11111111-2222-4333-8444-555555555555');
    expect(s.developer).toMatchObject({
      websiteUrl: 'https://bot.example.org',
      privacyUrl: 'https://bot.example.org/privacy',
      termsOfUseUrl: 'https://bot.example.org',
    });
    expect(s.defaulted).toEqual([expect.stringMatching(/^TEAMS_TERMS_URL/)]);
    expect(
      readPackageSettings({ MICROSOFT_APP_ID: id, PUBLIC_URL: 'https://bot.example.org' }).developer
        .websiteUrl,
    ).toBe('https://bot.example.org');
  });

  it('refuses addresses Teams would refuse, naming the setting', () => {
    expect(() =>
      readPackageSettings({ MICROSOFT_APP_ID: id, TEAMS_PRIVACY_URL: 'http://example.org' }),
    ).toThrow(/TEAMS_PRIVACY_URL: must be an https:\/\/ address/);
    expect(() => readPackageSettings({ MICROSOFT_APP_ID: id, TEAMS_APP_ID: 'x' })).toThrow(
      /TEAMS_APP_ID: must be a GUID/,
    );
  });
});
