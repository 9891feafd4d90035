import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { readConfig } from '../../src/config';
import { captureLogs } from '../helpers/log-capture';
import { message, tempDir } from '../helpers/http-bot';

/** Logs carry state ids and events, never message text: a marker typed by the user must not appear. */
describe('privacy of logs', () => {
  it('no log line contains what the user typed, at the most verbose level', async () => {
    const { lines, logger } = captureLogs('trace');
    const dataDir = tempDir();
    const app = createApp(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'trace' }), {
      logger,
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = app.server.address() as AddressInfo;
    const marker = 'ZZ-MARKER-7f3a-my-diagnosis';
    const post = (body: unknown) =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      const conv = 'privacy1';
      for (const text of ['hello', '1', marker, `I have ${marker}`, 'help', marker.toUpperCase()])
        expect((await post({ ...message(conv, { text }), deliveryMode: 'expectReplies' })).status).toBe(200);
      // A malformed body that contains the marker is refused and not echoed into the logs either.
      expect((await post({ text: marker })).status).toBe(400);
      expect(lines.length).toBeGreaterThan(5);
      const leaked = lines.filter((l) => l.toLowerCase().includes('zz-marker'));
      expect(leaked).toEqual([]);
      // The logs do say what happened, by state and event.
      expect(lines.some((l) => l.includes('"state":"entry.') || l.includes('"state":"employee.'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
