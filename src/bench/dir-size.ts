import fs from 'node:fs';
import path from 'node:path';

/** Apparent size (sum of file lengths) and allocated size (blocks on disk) of a directory tree. */
export function dirSize(dir: string): { apparent: number; allocated: number } {
  let apparent = 0;
  let allocated = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = dirSize(p);
      apparent += sub.apparent;
      allocated += sub.allocated;
    } else if (entry.isFile()) {
      const st = fs.statSync(p);
      apparent += st.size;
      allocated += st.blocks * 512;
    }
  }
  return { apparent, allocated };
}
