import { plainToInstance, Transform } from 'class-transformer';
import { GST_STATES, GSTIN_PROBLEM_MESSAGES, gstinProblem } from '@raptorflow/contracts';
import { isIP } from 'node:net';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';

export const APP_ENVS = ['local', 'test', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];

// Local defaults make `npm start` work with no .env; they apply only with APP_ENV=local or test (unset is production).
const LOCAL_DEFAULTS: Record<string, string> = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/raptorflow',
  REDIS_URL: 'redis://127.0.0.1:6379',
  API_URL: 'http://localhost:3000',
  WEB_URL: 'http://localhost:4200',
  SUPABASE_URL: 'http://127.0.0.1:54321',
  SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_local_sandbox',
  // The sandbox's PhonePe and Resend stand-ins and their well-known local credentials.
  PHONEPE_OAUTH_BASE_URL: 'http://127.0.0.1:54321/phonepe',
  PHONEPE_PG_BASE_URL: 'http://127.0.0.1:54321/phonepe',
  PHONEPE_CLIENT_ID: 'RF_SANDBOX_CLIENT',
  PHONEPE_CLIENT_SECRET: 'sandbox-secret-123',
  PHONEPE_WEBHOOK_USERNAME: 'rfsandbox',
  PHONEPE_WEBHOOK_PASSWORD: 'sandboxPass123',
  RESEND_API_KEY: 're_sandbox_key',
  RESEND_BASE_URL: 'http://127.0.0.1:54321/resend',
  EMAIL_FROM: 'RaptorFlow <hello@raptorflow.local>',
  // The sandbox's Vertex AI stand-in, so BCM enrichment runs locally too.
  VERTEX_AI_BASE_URL: 'http://127.0.0.1:54321/vertex',
  VERTEX_AI_API_KEY: 'vertex_sandbox_key',
  // A fictional seller for local tax documents (the GSTIN's check character is valid).
  SELLER_LEGAL_NAME: 'RaptorFlow Technologies Private Limited (local)',
  SELLER_ADDRESS: '4th Floor, 12 Residency Road, Bengaluru 560025, Karnataka',
  SELLER_GSTIN: '29AAHCR4321K1Z5',
  SELLER_STATE_CODE: '29',
};

// The seller's GSTIN must be well formed, registered in SELLER_STATE_CODE and carry the right check character.
@ValidatorConstraint({ name: 'sellerGstin' })
class SellerGstin implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return typeof value === 'string' && gstinProblem(value, String((args.object as EnvSchema).SELLER_STATE_CODE)) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    const problem = typeof args.value === 'string' ? gstinProblem(args.value, String((args.object as EnvSchema).SELLER_STATE_CODE)) : 'format';
    return `SELLER_GSTIN: ${GSTIN_PROBLEM_MESSAGES[problem ?? 'format']}`;
  }
}

/** Settings whose values are credentials: never printed, and in production never a value this repository shows. */
export const SECRET_SETTINGS = ['PHONEPE_CLIENT_SECRET', 'PHONEPE_WEBHOOK_PASSWORD', 'RESEND_API_KEY', 'SUPABASE_JWT_SECRET', 'VERTEX_AI_API_KEY'] as const;

// Every credential committed in this repository (the stand-ins' own, in LOCAL_DEFAULTS and .env.example, and the
// Supabase CLI's well-known local JWT secret): anyone can read them, so production refuses them.
export const PUBLIC_SECRET_VALUES: ReadonlySet<string> = new Set([
  ...SECRET_SETTINGS.map((name) => LOCAL_DEFAULTS[name]).filter((value): value is string => !!value),
  'super-secret-jwt-token-with-at-least-32-characters-long',
]);

// Production talks to these only over TLS: they carry tokens, keys, payments and user data.
const HTTPS_SETTINGS = ['API_URL', 'WEB_URL', 'SUPABASE_URL', 'PHONEPE_OAUTH_BASE_URL', 'PHONEPE_PG_BASE_URL', 'RESEND_BASE_URL', 'VERTEX_AI_BASE_URL'] as const;
const TLS_SSLMODES = ['require', 'verify-ca', 'verify-full'];
// proxy-addr's names for address ranges, accepted in TRUST_PROXY next to addresses and CIDRs.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const url = { require_tld: false, require_protocol: true };

/** Every environment variable the server processes read; nothing else reads process.env. */
export class EnvSchema {
  // Unset means production: local defaults and stand-in credentials must be asked for, never fallen into.
  @IsIn(APP_ENVS)
  APP_ENV: AppEnv = 'production';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL!: string;

  // `off` lets production use a DATABASE_URL without sslmode=require (a private network); start-up warns about it.
  @IsIn(['required', 'off'])
  DATABASE_TLS = 'required';

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  // `off` lets production use redis:// instead of rediss:// (a private network); start-up warns about it.
  @IsIn(['required', 'off'])
  REDIS_TLS = 'required';

  // Namespace for every Redis key (drafts, caches, rate limits, queues); tests use one per run.
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9:_-]+$/i, { message: 'REDIS_PREFIX may contain letters, digits, ":", "_" and "-" only' })
  REDIS_PREFIX?: string;

  // A Redis Cluster's seed nodes, host:port,...; REDIS_URL then gives only the credentials and TLS (rediss://).
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9.-]+:\d{1,5}(,[a-z0-9.-]+:\d{1,5})*$/i, { message: 'REDIS_CLUSTER_NODES must be host:port pairs separated by commas' })
  REDIS_CLUSTER_NODES?: string;

  @IsUrl(url)
  API_URL!: string;

  @IsUrl(url)
  WEB_URL!: string;

  @IsUrl(url)
  SUPABASE_URL!: string;

  // The browser's key for Supabase Auth (sb_publishable_... or the legacy anon key); public by design.
  @IsString()
  @MinLength(10)
  SUPABASE_PUBLISHABLE_KEY!: string;

  // Legacy HS256 project secret; optional because new Supabase projects sign with ES256 (JWKS).
  @IsOptional()
  @IsString()
  @MinLength(32)
  SUPABASE_JWT_SECRET?: string;

  @IsUrl(url)
  PHONEPE_OAUTH_BASE_URL!: string;

  @IsUrl(url)
  PHONEPE_PG_BASE_URL!: string;

  @IsString()
  @MinLength(3)
  PHONEPE_CLIENT_ID!: string;

  @IsString()
  @MinLength(8)
  PHONEPE_CLIENT_SECRET!: string;

  @IsString()
  PHONEPE_CLIENT_VERSION = '1';

  // PhonePe webhook credentials (dashboard): 5-20 chars [A-Za-z0-9_] and 8-20 chars with letters and digits.
  @Matches(/^\w{5,20}$/, { message: 'PHONEPE_WEBHOOK_USERNAME must be 5-20 letters, digits or _' })
  PHONEPE_WEBHOOK_USERNAME!: string;

  @IsString()
  @MinLength(8)
  PHONEPE_WEBHOOK_PASSWORD!: string;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  PHONEPE_TIMEOUT_MS = 10_000;

  @IsString()
  @MinLength(8)
  RESEND_API_KEY!: string;

  // Unset in production: the SDK then uses https://api.resend.com.
  @IsOptional()
  @IsUrl(url)
  RESEND_BASE_URL?: string;

  @IsString()
  @Matches(/<[^>@\s]+@[^>\s]+>$|^[^<>@\s]+@[^<>\s]+$/, { message: 'EMAIL_FROM must be an address or "Name <address>"' })
  EMAIL_FROM!: string;

  // Vertex AI express mode key; unset, BCM enrichment is off (the journey never needs it).
  @IsOptional()
  @IsString()
  @MinLength(8)
  VERTEX_AI_API_KEY?: string;

  @IsUrl(url)
  VERTEX_AI_BASE_URL = 'https://aiplatform.googleapis.com';

  @IsString()
  @Matches(/^[\w.-]+$/, { message: 'VERTEX_AI_MODEL must be a model id such as gemini-2.5-flash' })
  VERTEX_AI_MODEL = 'gemini-2.5-flash';

  // The hard limit on one AI call; the manifest is stored and served before it starts.
  @Transform(toInt)
  @IsInt()
  @Min(100)
  AI_TIMEOUT_MS = 8000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  // Requests per minute on each route, per signed-in user (anonymous routes: per client IP).
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 300;

  // The seller on GST tax invoices (CGST Rules r.46); a chartered accountant confirms SAC and rate.
  @IsString()
  @MinLength(3)
  SELLER_LEGAL_NAME!: string;

  @IsString()
  @MinLength(10)
  SELLER_ADDRESS!: string;

  @Validate(SellerGstin)
  SELLER_GSTIN!: string;

  @IsIn(GST_STATES.map((s) => s.code), { message: 'SELLER_STATE_CODE must be a GST state code such as 29 (Karnataka)' })
  SELLER_STATE_CODE!: string;

  @Matches(/^\d{4,8}$/, { message: 'GST_SAC must be a 4-8 digit SAC code' })
  GST_SAC = '997331';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  GST_RATE_BASIS_POINTS = 1800;

  // Calls per hour of each costly route (rebuild, move generation, payment initiate, invitations, sign-up) per user.
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_COSTLY_PER_HOUR = 30;

  // Which proxies may tell the client's address in X-Forwarded-For: unset trusts none (the socket's peer is the
  // client), a number trusts that many hops in front of the api, or a comma-separated list of addresses and CIDRs.
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  // Swagger UI and the OpenAPI document at /api/docs; on by default except in production.
  @IsOptional()
  @IsIn(['true', 'false'])
  API_DOCS?: string;

  get redisPrefix(): string {
    return this.REDIS_PREFIX ?? `rf:${this.APP_ENV}`;
  }

  /** BullMQ's prefix. On a cluster it is hash-tagged, so every key of a queue is in one slot (its scripts take many). */
  get bullPrefix(): string {
    return this.REDIS_CLUSTER_NODES ? `{${this.redisPrefix}}:bull` : `${this.redisPrefix}:bull`;
  }

  get isProduction(): boolean {
    return this.APP_ENV === 'production';
  }

  get apiDocsEnabled(): boolean {
    return this.API_DOCS ? this.API_DOCS === 'true' : !this.isProduction;
  }

  /** Fastify's trustProxy: false (the default), a hop count, or the trusted addresses and CIDRs. */
  get trustProxy(): false | number | string[] {
    const value = this.TRUST_PROXY?.trim();
    if (!value) return false;
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(',').map((part) => part.trim()).filter(Boolean);
  }

  /** What production runs with although it is weaker than the default; logged at start-up and shown by the doctor. */
  get warnings(): string[] {
    if (!this.isProduction) return [];
    const warnings: string[] = [];
    if (this.DATABASE_TLS === 'off' && !usesTls('DATABASE_URL', this.DATABASE_URL)) warnings.push('DATABASE_TLS=off: the api and worker talk to PostgreSQL without TLS');
    if (this.REDIS_TLS === 'off' && !usesTls('REDIS_URL', this.REDIS_URL)) warnings.push('REDIS_TLS=off: the api and worker talk to Redis without TLS');
    return warnings;
  }
}

function usesTls(name: 'DATABASE_URL' | 'REDIS_URL', url: string): boolean {
  if (name === 'REDIS_URL') return url.startsWith('rediss://');
  try {
    return TLS_SSLMODES.includes(new URL(url).searchParams.get('sslmode') ?? '');
  } catch {
    return false;
  }
}

function isProxyAddress(part: string): boolean {
  if (PROXY_RANGE_NAMES.includes(part)) return true;
  const [address, bits, ...rest] = part.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

// The rules that span variables or depend on APP_ENV, as problems in words (empty when all hold).
function crossChecks(config: EnvSchema): string[] {
  const problems: string[] = [];
  const proxy = config.trustProxy;
  if (Array.isArray(proxy)) {
    const bad = proxy.filter((part) => !isProxyAddress(part));
    if (bad.length) problems.push(`TRUST_PROXY must be a hop count or a comma-separated list of IP addresses and CIDRs (not ${bad.join(', ')})`);
  }
  if (!config.isProduction) return problems;
  for (const name of HTTPS_SETTINGS) {
    const value = config[name];
    if (value && !value.startsWith('https://')) problems.push(`${name} must be an https:// URL in production (it is ${value})`);
  }
  for (const name of SECRET_SETTINGS) {
    const value = config[name];
    if (value && PUBLIC_SECRET_VALUES.has(value)) problems.push(`${name} is a value published in this repository (a local stand-in's): set the real credential`);
  }
  if (config.DATABASE_TLS === 'required' && !usesTls('DATABASE_URL', config.DATABASE_URL)) {
    problems.push('DATABASE_URL must ask for TLS in production (?sslmode=require, verify-ca or verify-full), or set DATABASE_TLS=off');
  }
  if (config.REDIS_TLS === 'required' && !usesTls('REDIS_URL', config.REDIS_URL)) problems.push('REDIS_URL must be a rediss:// (TLS) URL in production, or set REDIS_TLS=off');
  return problems;
}

/** Validated configuration, the DI token every service asks for. */
export abstract class AppConfig extends EnvSchema {}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const local = env['APP_ENV'] === 'local' || env['APP_ENV'] === 'test';
  const raw: Record<string, unknown> = local ? { ...LOCAL_DEFAULTS } : {};
  // An empty value unsets a variable, local default included (VERTEX_AI_API_KEY= turns AI off locally).
  for (const [key, value] of Object.entries(env)) {
    if (value === '') delete raw[key];
    else if (value !== undefined) raw[key] = value;
  }
  const config = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  const problems = errors.map((e) => (e.value === undefined ? `${e.property} is required` : Object.values(e.constraints ?? {}).join('; ')));
  if (!problems.length) problems.push(...crossChecks(config));
  if (problems.length) throw new ConfigError(problems);
  return config as AppConfig;
}

/** For main.ts files: print what is wrong with the environment and stop, instead of a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    const config = loadConfig();
    for (const warning of config.warnings) console.warn(`configuration warning: ${warning}`);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
