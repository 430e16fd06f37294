import { isIP } from 'node:net';
import { z } from 'zod';
import { parseAddressEntry } from './services/webhook-target.ts';

/**
 * Configuration from environment variables, validated at start: a wrong value stops the start with
 * a message naming the variable (README, "Configuration").
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Timecard <no-reply@timecard.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DEMO: z.enum(['true', 'false']).default('true'),
  TRUST_PROXY: z.string().default('false'),
  WEBHOOK_ALLOW_HOSTS: z.string().default(''),
});

/**
 * Which proxies' X-Forwarded-For to believe: none (false), the last n hops (the number of proxies in
 * front of the server), or proxies at these addresses. `true` would believe every hop, and the
 * left-most address is whatever the client writes, so per-address limits would fall to rotation.
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Reads TRUST_PROXY (README, "Configuration"); throws a ConfigError that says what to write. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === 'false' || text === '0') return false;
  if (text === 'true') {
    throw new ConfigError(
      'TRUST_PROXY',
      'true would trust every hop, and clients could choose their own address; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8) / true はすべての中継を信頼するため使えません。プロキシの段数（例: 1）かアドレス（例: 10.0.0.0/8）を指定してください',
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `${text} proxies is not plausible; give at most 10`);
    return hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isProxyAddress(entry));
  if (wrong.length > 0) {
    throw new ConfigError(
      'TRUST_PROXY',
      `not an address, CIDR range or hop count: ${wrong.map((w) => `"${w}"`).join(', ')} (e.g. TRUST_PROXY=1, TRUST_PROXY=10.0.0.0/8, TRUST_PROXY=127.0.0.1,10.1.2.3)`,
    );
  }
  return entries;
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * Reads WEBHOOK_ALLOW_HOSTS (README, "Configuration"): host names, addresses or CIDR ranges that
 * webhooks may reach although they are private or loopback (ADR 021), comma-separated.
 */
export function parseWebhookAllowHosts(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.filter((entry) => {
    if (parseAddressEntry(entry)) return false;
    // Something with a slash or only digits and dots meant a range or an address: say so.
    if (entry.includes('/') || /^[\d.]+$/.test(entry) || entry.includes(':')) return true;
    return !HOST_NAME.test(entry);
  });
  if (wrong.length > 0) {
    throw new ConfigError(
      'WEBHOOK_ALLOW_HOSTS',
      `not a host name, address or CIDR range: ${wrong.map((w) => `"${w}"`).join(', ')} (e.g. WEBHOOK_ALLOW_HOSTS=127.0.0.1,hooks.internal,10.1.0.0/16)`,
    );
  }
  return entries;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  production: boolean;
  demo: boolean;
  trustProxy: TrustProxy;
  /** Hosts, addresses and ranges webhooks may reach although private (ADR 021). */
  webhookAllowHosts: string[];
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`設定エラー / configuration error: ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? '?'), issue.message);
  }
  const c = parsed.data;
  // Without SMTP the 認証メール and パスワード再発行 would never leave the database: in production
  // that silently locks new staff out, so it is a configuration error.
  if (c.NODE_ENV === 'production' && !c.SMTP_URL) {
    throw new ConfigError('SMTP_URL', 'required when NODE_ENV=production');
  }
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    logLevel: c.LOG_LEVEL,
    production: c.NODE_ENV === 'production',
    demo: c.DEMO === 'true',
    trustProxy: parseTrustProxy(c.TRUST_PROXY),
    webhookAllowHosts: parseWebhookAllowHosts(c.WEBHOOK_ALLOW_HOSTS),
  };
}
