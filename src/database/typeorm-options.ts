import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one place TypeORM is configured, shared by the app, the CLI data source
 * and the tests. The schema only ever changes through `migrations/`.
 */
export function typeormOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    logging: ['error'],
    // A request waits at most 5 s for a connection, then answers 503 (never hangs).
    extra: { max: poolSize, application_name: 'thi-dua', connectionTimeoutMillis: 5000 },
  };
}
