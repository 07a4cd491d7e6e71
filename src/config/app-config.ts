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
  return config;
}
