import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod4';
import { COLLECTION_PATTERN, COLLECTION_RULE, DB_NAME_PATTERN, DB_NAME_RULE } from './storage/mongo-names';
import { mongoUriProblem } from './storage/mongo-uri';

/**
 * The only place that reads the environment. Every setting is validated once at start; a bad value
 * stops the bot with a message that names the setting (never its value, which may be a secret).
 */
const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
/** An on/off setting: true/false, 1/0, yes/no (any case); absent → undefined. */
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'True', 'False', 'YES', 'NO'])
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v.toLowerCase())));
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const envSchema = z.object({
  /** production: Bot Framework authentication required (or ALLOW_OPEN_MODE), self-hosted Direct Line off unless enabled. */
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  /** Run /api/messages without Bot Framework authentication in production (only behind your own gateway). */
  ALLOW_OPEN_MODE: flag,
  /** The self-hosted Direct Line endpoint for the web chat: on by default, off by default in production. */
  DIRECT_LINE_SELF_HOSTED: flag,
  /** Longer typed messages are refused politely (the user is asked to keep it short). */
  MAX_TEXT_LENGTH: intFrom(1000, 20, 10_000),
  /** Requests per conversation per window on /api/messages and Direct Line (0: no limit). */
  RATE_LIMIT_PER_CONVERSATION: intFrom(60, 0, 100_000),
  /** Requests per client address per window (0: no limit). Behind a proxy, see TRUST_PROXY. */
  RATE_LIMIT_PER_ADDRESS: intFrom(600, 0, 1_000_000),
  RATE_LIMIT_WINDOW_SECONDS: intFrom(60, 1, 3600),
  /** Take the client address from the first X-Forwarded-For entry (only behind a proxy you run). */
  TRUST_PROXY: flag,
  /** A storage operation slower than this fails the turn with an apology (nothing half-written). */
  STORE_TIMEOUT_MS: intFrom(5000, 50, 120_000),
  /** On SIGTERM: how long in-flight turns may take to finish before the process exits anyway. */
  SHUTDOWN_GRACE_SECONDS: intFrom(10, 0, 600),
  /** When set, /metrics needs the header "Authorization: Bearer <METRICS_TOKEN>". */
  METRICS_TOKEN: optional,
  PORT: intFrom(3978, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  STATE_TTL_DAYS: intFrom(30, 1, 3650),
  USAGE_RETENTION_DAYS: intFrom(400, 1, 3650),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The bot's public base URL, for links it hands out (plan downloads); default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Secret for signing plan download links (at least 32 characters); default: generated once and kept in DATA_DIR. */
  PLAN_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PLAN_LINK_TTL_HOURS: intFrom(24, 1, 24 * 30),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optional,
  /** When set, conversation state lives in this MongoDB instead of the embedded store (DATA_DIR). */
  MONGODB_URI: optional.superRefine((uri, ctx) => {
    const problem = uri === undefined ? undefined : mongoUriProblem(uri);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  MONGODB_DB: z.string().regex(DB_NAME_PATTERN, DB_NAME_RULE).default('roadmap'),
  MONGODB_COLLECTION: z.string().regex(COLLECTION_PATTERN, COLLECTION_RULE).default('state'),
  MONGODB_MAX_POOL_SIZE: intFrom(20, 1, 1000),
  MONGODB_TIMEOUT_MS: intFrom(5000, 100, 120_000),
  /** Azure Bot Service Direct Line secret: the web chat then uses Azure Direct Line; the secret stays on the server. */
  DIRECT_LINE_SECRET: optional,
  /** Azure Direct Line base (a regional one such as https://europe.directline.botframework.com/v3/directline). */
  DIRECT_LINE_DOMAIN: z.url().default('https://directline.botframework.com/v3/directline'),
  /** Signs the self-hosted Direct Line tokens (at least 32 characters); default: a random key per start. */
  DIRECT_LINE_TOKEN_SECRET: optional.refine(
    (v) => v === undefined || v.length >= 32,
    'must be at least 32 characters',
  ),
  /** Lifetime of a self-hosted Direct Line token; an idle web conversation is forgotten after as long. */
  DIRECT_LINE_TOKEN_TTL_SECONDS: intFrom(3600, 60, 24 * 3600),
  /** Comma-separated origins (https://www.example.org) that may embed the web chat; default: the bot's own. */
  ALLOWED_ORIGINS: optional.superRefine((list, ctx) => {
    for (const o of list ? splitOrigins(list) : [])
      if (o !== '*' && !originOf(o))
        ctx.addIssue({ code: 'custom', message: `"${o}" is not an origin such as https://www.example.org` });
  }),
});

/** Every environment variable the bot reads (documented in .env.example and the README). */
export const SETTINGS = Object.keys(envSchema.shape);

export interface Config {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  retentionDays: number;
  /** Anonymous usage counters: daily buckets kept this many days. */
  usageRetentionDays: number;
  /** Bearer token for /admin/usage (absent: the route answers 404). */
  adminToken?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl?: string;
  plan: { linkSecret?: string; linkTtlHours: number };
  bot: { appId?: string; appPassword?: string; appType: string; tenantId?: string };
  /** Present when MONGODB_URI is set: the store is MongoDB. */
  mongo?: { uri: string; db: string; collection: string; maxPoolSize: number; timeoutMs: number };
  limits: {
    maxTextLength: number;
    perConversation: number;
    perAddress: number;
    windowSeconds: number;
    trustProxy: boolean;
  };
  storeTimeoutMs: number;
  shutdownGraceSeconds: number;
  metricsToken?: string;
  /** The web chat: demo page, embed script, self-hosted Direct Line or Azure Direct Line. */
  web: {
    /** Serve the self-hosted Direct Line endpoint (ignored when a Direct Line secret is set). */
    selfHosted: boolean;
    directLineSecret?: string;
    directLineDomain: string;
    tokenSecret?: string;
    tokenTtlSeconds: number;
    /** Origins allowed besides the bot's own; `*` allows any. */
    allowedOrigins: string[];
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const splitOrigins = (list: string) => list.split(/[\s,]+/).filter(Boolean);

/** `https://www.example.org` (no path, query or credentials) → its origin; anything else → undefined. */
function originOf(value: string): string | undefined {
  try {
    const u = new URL(value);
    const bare = (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash && !u.username;
    return bare && (u.protocol === 'https:' || u.protocol === 'http:') ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty value (`PUBLIC_URL=` in a .env copied from .env.example) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const r = envSchema.safeParse(set);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = r.data;
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI')
    throw new ConfigError(
      'Invalid configuration:\n- MicrosoftAppPassword: required when MicrosoftAppId is set',
    );
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId)
    throw new ConfigError(
      'Invalid configuration:\n- MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant',
    );
  if (e.MONGODB_URI && !e.PLAN_LINK_SECRET)
    throw new ConfigError(
      'Invalid configuration:\n- PLAN_LINK_SECRET: required with MONGODB_URI. Several instances share the ' +
        'state and must sign plan download links with one key (at least 32 characters).',
    );
  const production = e.NODE_ENV === 'production';
  if (production && !e.MicrosoftAppId && !e.ALLOW_OPEN_MODE)
    throw new ConfigError(
      'Invalid configuration:\n- MicrosoftAppId: required when NODE_ENV=production, so that only Bot Framework ' +
        'channels can reach /api/messages. To run without it (behind your own gateway), set ALLOW_OPEN_MODE=true.',
    );
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    retentionDays: e.STATE_TTL_DAYS,
    usageRetentionDays: e.USAGE_RETENTION_DAYS,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    plan: { linkSecret: e.PLAN_LINK_SECRET, linkTtlHours: e.PLAN_LINK_TTL_HOURS },
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
    },
    mongo: e.MONGODB_URI
      ? {
          uri: e.MONGODB_URI,
          db: e.MONGODB_DB,
          collection: e.MONGODB_COLLECTION,
          maxPoolSize: e.MONGODB_MAX_POOL_SIZE,
          timeoutMs: e.MONGODB_TIMEOUT_MS,
        }
      : undefined,
    limits: {
      maxTextLength: e.MAX_TEXT_LENGTH,
      perConversation: e.RATE_LIMIT_PER_CONVERSATION,
      perAddress: e.RATE_LIMIT_PER_ADDRESS,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      trustProxy: e.TRUST_PROXY ?? false,
    },
    storeTimeoutMs: e.STORE_TIMEOUT_MS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    web: {
      selfHosted: e.DIRECT_LINE_SELF_HOSTED ?? !production,
      directLineSecret: e.DIRECT_LINE_SECRET,
      directLineDomain: e.DIRECT_LINE_DOMAIN.replace(/\/+$/, ''),
      tokenSecret: e.DIRECT_LINE_TOKEN_SECRET,
      tokenTtlSeconds: e.DIRECT_LINE_TOKEN_TTL_SECONDS,
      allowedOrigins: e.ALLOWED_ORIGINS
        ? splitOrigins(e.ALLOWED_ORIGINS).map((o) => (o === '*' ? o : (originOf(o) as string)))
        : [],
    },
  };
}

/** Loads `.env` from the working directory when there is one (Node's own parser); the environment wins. */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (!fs.existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}
