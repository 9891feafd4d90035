import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const HASHED = /\.(js|ts|json|ya?ml)$/;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => HASHED.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

/**
 * A hash of everything the analysed content (choice synonyms, content search) is made from: the flows
 * and locales, and the code that loads and analyses them (src/content, src/engine, src/understanding,
 * compiled or not). A snapshot made with another hash is not used.
 */
export function lexiconHash(root: string): string {
  const hash = createHash('sha256');
  const code = path.join(__dirname, '..');
  const dirs = [
    path.join(root, 'flows'),
    path.join(root, 'locales'),
    path.join(code, 'content'),
    path.join(code, 'engine'),
    path.join(code, 'understanding'),
  ];
  dirs.forEach((dir, i) => {
    for (const file of filesUnder(dir)) {
      hash.update(`\u0000${i}/${file}\u0000`);
      hash.update(fs.readFileSync(path.join(dir, file)));
    }
  });
  return hash.digest('hex');
}
