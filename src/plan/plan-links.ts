import crypto from 'node:crypto';

/**
 * Signed, expiring download links for a conversation's plan: `<payload>.<hmac>` in base64url, where
 * the payload names the conversation key and the expiry. Tampering or expiry gives null. Deleting the
 * conversation makes the link useless too (the route finds nothing and answers 404).
 */
export interface PlanLinkSigner {
  sign(conversationKey: string, now: number): string;
  verify(token: string, now: number): string | null;
}

export function createPlanLinkSigner(secret: string, ttlMs: number): PlanLinkSigner {
  const mac = (data: string) => crypto.createHmac('sha256', secret).update(data).digest('base64url');
  return {
    sign(conversationKey, now) {
      const payload = Buffer.from(JSON.stringify({ k: conversationKey, e: now + ttlMs })).toString(
        'base64url',
      );
      return `${payload}.${mac(payload)}`;
    },
    verify(token, now) {
      const [payload, sig] = token.split('.');
      if (!payload || !sig || token.split('.').length !== 2) return null;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
      try {
        const { k, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
          k?: unknown;
          e?: unknown;
        };
        if (typeof k !== 'string' || typeof e !== 'number' || e < now) return null;
        return k;
      } catch {
        return null;
      }
    },
  };
}
