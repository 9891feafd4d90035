import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { readConfig, SETTINGS } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('settings are documented', () => {
  it('every setting is in .env.example (with a comment above it) and in the README', () => {
    const example = read('.env.example');
    const readme = read('README.md');
    expect(SETTINGS.length).toBeGreaterThan(30);
    for (const name of SETTINGS) {
      const lines = example.split('\n');
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect({ name, inExample: at >= 0 }).toEqual({ name, inExample: true });
      // The comment block above the setting (other settings may share it).
      const above = lines.slice(0, at).reverse();
      const comment = above.find((l) => !/^[A-Za-z_]+=/.test(l));
      expect({ name, commented: comment?.startsWith('#') }).toEqual({ name, commented: true });
      expect({ name, inReadme: readme.includes(`\`${name}\``) }).toEqual({ name, inReadme: true });
    }
  });

  it('.env.example copied to .env as it is gives a valid development configuration', () => {
    const config = readConfig(parseEnv(read('.env.example')) as NodeJS.ProcessEnv);
    expect(config.production).toBe(false);
    expect(config.port).toBe(3978);
    expect(config.mongo).toBeUndefined();
    expect(config.web.selfHosted).toBe(true);
  });
});
