import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/**
 * Data source for the TypeORM CLI (`npm run migration:generate|run|revert`).
 * It needs DATABASE_URL: generate migrations against a scratch database that
 * has every existing migration applied.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'DATABASE_URL must be set for the TypeORM CLI, e.g. postgres://postgres@127.0.0.1:5432/thidua_dev',
  );
}

export default new DataSource({
  ...typeormOptions(url),
  entities: [`${__dirname}/../**/*.entity.{ts,js}`],
});
