import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only place that reads the environment. Every setting is validated once at start; a bad value
 * stops the bot with a message that names the setting (never its value, which may be a secret).
 */
const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const envSchema = z.object({
  PORT: intFrom(3978, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  STATE_TTL_DAYS: intFrom(30, 1, 3650),
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
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  retentionDays: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl?: string;
  plan: { linkSecret?: string; linkTtlHours: number };
  bot: { appId?: string; appPassword?: string; appType: string; tenantId?: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const r = envSchema.safeParse(env);
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    retentionDays: e.STATE_TTL_DAYS,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    plan: { linkSecret: e.PLAN_LINK_SECRET, linkTtlHours: e.PLAN_LINK_TTL_HOURS },
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
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
