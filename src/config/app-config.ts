import { Expose, plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every environment variable the service reads, validated once at start-up.
 * Inject this class (it is a global provider) instead of reading process.env.
 * Each variable is documented in README.md ("Configuration").
 */
export class AppConfig {
  @Expose()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Expose()
  @IsString()
  HOST = '127.0.0.1';

  /** External PostgreSQL server; when absent an embedded server is started. */
  @Expose()
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: '$property must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  @Expose()
  @IsString()
  @MinLength(1)
  EMBEDDED_PG_DIR = './.data/postgres';

  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Expose()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Largest accepted JSON/form body, in the `bytes` package syntax (e.g. 1mb, 512kb). */
  @Expose()
  @Matches(/^\d+(b|kb|mb)$/i, { message: '$property must be a size such as 512kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** Password given to every demo user by `npm run seed:demo`. */
  @Expose()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  DEMO_PASSWORD = 'ThiDua@2025';

  /**
   * Signs access tokens (HS256). Required in production; elsewhere a random
   * one is made at start-up (tokens then die with the process).
   */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(32, { message: '$property must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL = 900;

  /** Lifetime of a session (its refresh token), in days. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_TTL_DAYS = 14;

  /**
   * How long, in seconds, a process may answer from memory who holds a
   * session instead of reading it on every request; 0 reads it every time.
   * A revocation or a change of the user's access reaches every process at
   * once through PostgreSQL's LISTEN/NOTIFY (see SessionCache): this is only
   * the bound if a notification were ever missed.
   */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  SESSION_CACHE_SECONDS = 60;

  /** Consecutive failed sign-ins for one user name before it is locked. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** How long a locked user name stays locked, in minutes. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCKOUT_MINUTES = 15;

  /** Sign-in attempts accepted per client address per minute (429 beyond). */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_PER_MINUTE = 20;

  /** Folder where uploaded evidence files are kept (outside any web root). */
  @Expose()
  @IsString()
  @MinLength(1)
  FILES_DIR = './.data/files';

  /** Largest accepted evidence file, in megabytes. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  FILE_MAX_MB = 20;

  /** Certificate verifications accepted per client address per minute (429 beyond). */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  VERIFY_RATE_PER_MINUTE = 60;

  /** Opinions sent on a published list per client address per hour, refused ones included (429 beyond). */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  OPINION_RATE_PER_HOUR = 10;

  /**
   * A folder of organisation keys (PKCS#12), one per authority named by its
   * code (`tu-ky.p12`): the authority's certificates and decisions are then
   * signed with it by the server. Unset: nothing is signed by the server.
   */
  @Expose()
  @IsOptional()
  @IsString()
  SIGNING_KEYS_DIR?: string;

  /** The password of the organisation keys' PKCS#12 files. */
  @Expose()
  @IsOptional()
  @IsString()
  SIGNING_KEY_PASSWORD?: string;

  /**
   * The secret that encrypts the authorities' offline QR keys at rest (at
   * least 32 characters). Unset: certificates carry the online link only.
   */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(32)
  QR_KEYS_SECRET?: string;

  /** Chromium for PDFs; else /usr/bin/chromium (Debian's `chromium`) and the usual names are tried. */
  @Expose()
  @IsOptional()
  @IsString()
  CHROMIUM_PATH?: string;

  /** Browser pages rendering PDFs at once. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  PDF_PAGES = 2;

  /** PDF requests allowed to wait for a page; beyond, 503 with Retry-After. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  PDF_QUEUE = 20;

  /**
   * Start the browser and load the certificate's fonts at start-up (off the
   * request path), so that the first PDF is as quick as the next. Off in the
   * tests, which start many apps.
   */
  @Expose()
  @IsIn(['true', 'false'])
  PDF_WARM_UP: 'true' | 'false' = 'true';

  /**
   * The PDF browser's resident memory (MB) past which, after a render, it is
   * told to free what it holds (a memory pressure signal): a batch of
   * thousands of certificates then stays about this size instead of growing.
   * A batch of 500 certificates peaks at about 480 MB without the signal; at
   * 512 a batch of 2,000 peaked at 545-570 MB (up to 1.2 times the 500's), at
   * 470 at 506-520 MB (1.05-1.10 times), as quick within this VM's noise.
   */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(128)
  @Max(65536)
  PDF_MEMORY_MB = 470;

  /** Longest a single render may take, in milliseconds. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  PDF_TIMEOUT_MS = 60000;

  /**
   * Redis for work queues and shared rate limits. Set, long work (a decision's
   * certificates) runs in `npm run worker` processes and every API instance
   * counts sign-ins and verifications together; unset, the same jobs run in
   * this process and the limits are this process's.
   */
  @Expose()
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: '$property must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Namespace of this installation's keys in Redis (two installations may share a server). */
  @Expose()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/i, {
    message: '$property must be letters, digits, - or _ (at most 40)',
  })
  REDIS_PREFIX = 'thidua';

  /** Attempts of a job before it fails (retried with exponential backoff). */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  JOB_ATTEMPTS = 3;

  /** The first retry's delay, in milliseconds; each next one doubles it. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600000)
  JOB_BACKOFF_MS = 2000;

  /**
   * How long a worker holds a job without renewing its lock, in milliseconds:
   * a job whose worker died is given to another after about this long.
   */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  JOB_LOCK_MS = 30000;

  /** Jobs a worker process runs at once. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  WORKER_CONCURRENCY = 1;

  /** The address printed in certificates' QR codes (the public verification page is under it). */
  @Expose()
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http:// or https:// URL' })
  PUBLIC_BASE_URL?: string;

  get publicBaseUrl(): string {
    return (this.PUBLIC_BASE_URL ?? `http://${this.HOST}:${this.PORT}`).replace(/\/$/, '');
  }

  get isTest(): boolean {
    return this.NODE_ENV === 'test';
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * One phrase per variable: the rule listed first on the property (its type),
 * which class-validator reports last, and the raw value unless it is secret.
 */
function describe(errors: ValidationError[], raw: Record<string, string>): string {
  return errors
    .map((e) => {
      const rule = Object.values(e.constraints ?? {}).at(-1) ?? `${e.property} is invalid`;
      const secret = /URL|PASSWORD|SECRET|KEY/i.test(e.property);
      const value = raw[e.property];
      return value === undefined || secret ? rule : `${rule} (got ${JSON.stringify(value)})`;
    })
    .join('; ');
}

/**
 * Builds and validates the configuration from an environment (process.env by
 * default). Empty strings count as unset so `FOO=` falls back to the default.
 * Throws a ConfigError whose message is one line naming each bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const plain: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') plain[key] = value;
  }
  const config = plainToInstance(AppConfig, plain, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  if (plain.LOG_LEVEL === undefined && config.NODE_ENV === 'test') config.LOG_LEVEL = 'silent';
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${describe(errors, plain)}`);
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration: JWT_SECRET is required when NODE_ENV is production',
    );
  }
  return config;
}
