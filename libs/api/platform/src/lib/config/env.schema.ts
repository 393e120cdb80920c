import { plainToInstance, Transform } from 'class-transformer';
import { GST_STATES, GSTIN_PROBLEM_MESSAGES, gstinProblem } from '@raptorflow/contracts';
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

// Local defaults make `npm start` work with no .env; in production every one of them must be set.
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

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const url = { require_tld: false, require_protocol: true };

/** Every environment variable the server processes read; nothing else reads process.env. */
export class EnvSchema {
  @IsIn(APP_ENVS)
  APP_ENV: AppEnv = 'local';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  // Namespace for every Redis key (drafts, caches, rate limits, queues); tests use one per run.
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9:_-]+$/i, { message: 'REDIS_PREFIX may contain letters, digits, ":", "_" and "-" only' })
  REDIS_PREFIX?: string;

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

  // Requests per minute per client on the public API.
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

  get redisPrefix(): string {
    return this.REDIS_PREFIX ?? `rf:${this.APP_ENV}`;
  }

  get isProduction(): boolean {
    return this.APP_ENV === 'production';
  }
}

/** Validated configuration, the DI token every service asks for. */
export abstract class AppConfig extends EnvSchema {}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const isProduction = env['APP_ENV'] === 'production';
  const raw: Record<string, unknown> = isProduction ? {} : { ...LOCAL_DEFAULTS };
  // An empty value unsets a variable, local default included (VERTEX_AI_API_KEY= turns AI off locally).
  for (const [key, value] of Object.entries(env)) {
    if (value === '') delete raw[key];
    else if (value !== undefined) raw[key] = value;
  }
  const config = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    throw new ConfigError(
      errors.map((e) => (e.value === undefined ? `${e.property} is required` : Object.values(e.constraints ?? {}).join('; '))),
    );
  }
  return config as AppConfig;
}

/** For main.ts files: print what is wrong with the environment and stop, instead of a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
