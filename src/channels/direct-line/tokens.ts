import crypto from 'node:crypto';

/**
 * Self-hosted Direct Line tokens: small HS256 JWTs, like Azure's, so Web Chat and directlinejs read
 * the user id from the `user` claim. A token names one conversation (`conv`) and one user; a
 * `stream` token only opens that conversation's WebSocket and lives one minute.
 */
export interface DirectLineClaims {
  iss: typeof ISSUER;
  conv: string;
  user: string;
  scope: 'conversation' | 'stream';
  iat: number;
  exp: number;
}

export type Verified = { ok: true; claims: DirectLineClaims } | { ok: false; reason: 'invalid' | 'expired' };

export interface TokenIssuer {
  /** Seconds a conversation token lives. */
  readonly ttlSeconds: number;
  issue(conv: string, user: string, nowMs: number, scope?: DirectLineClaims['scope']): string;
  verify(token: string, nowMs: number): Verified;
}

const ISSUER = 'iknowhow-directline';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const STREAM_TTL_SECONDS = 60;
const ID = /^[\w-]{1,128}$/;

export function createTokenIssuer(secret: string | Buffer, ttlSeconds: number): TokenIssuer {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  const sign = (data: string) => crypto.createHmac('sha256', key).update(data).digest();
  return {
    ttlSeconds,
    issue(conv, user, nowMs, scope = 'conversation') {
      const iat = Math.floor(nowMs / 1000);
      const claims: DirectLineClaims = {
        iss: ISSUER,
        conv,
        user,
        scope,
        iat,
        exp: iat + (scope === 'stream' ? STREAM_TTL_SECONDS : ttlSeconds),
      };
      const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${body}.${sign(body).toString('base64url')}`;
    },
    verify(token, nowMs) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'invalid' };
      const given = Buffer.from(parts[2] as string, 'base64url');
      const expected = sign(`${parts[0]}.${parts[1]}`);
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
        return { ok: false, reason: 'invalid' };
      let claims: Partial<DirectLineClaims>;
      try {
        claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as typeof claims;
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      const wellFormed =
        claims.iss === ISSUER &&
        typeof claims.conv === 'string' &&
        ID.test(claims.conv) &&
        typeof claims.user === 'string' &&
        ID.test(claims.user) &&
        (claims.scope === 'conversation' || claims.scope === 'stream') &&
        typeof claims.exp === 'number';
      if (!wellFormed) return { ok: false, reason: 'invalid' };
      if ((claims.exp as number) * 1000 <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, claims: claims as DirectLineClaims };
    },
  };
}

/** The token of an `Authorization: Bearer …` header; undefined when absent or a placeholder ("undefined"). */
export function bearerOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = m?.[1];
  return token && token !== 'undefined' && token !== 'null' ? token : undefined;
}
