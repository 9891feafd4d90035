import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret that signs plan links: the configured one, or one generated once and kept (mode 0600)
 * in DATA_DIR, so links survive a restart and several processes on one DATA_DIR agree.
 */
export function planLinkSecret(configured: string | undefined, dataDir: string): string {
  return keptSecret(configured, dataDir, 'plan-link.secret');
}

/** A secret: the configured one, or one generated once and kept (mode 0600) in DATA_DIR under `fileName`. */
export function keptSecret(configured: string | undefined, dataDir: string, fileName: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, fileName);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole to a temporary file, then linked into place: a process starting at the same
    // moment either wins the link or reads the winner's complete secret, never a half-written file.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
