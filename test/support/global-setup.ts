import { DataSource } from 'typeorm';
import { PostgresServer, startEmbeddedServer } from '../../src/database/postgres-server';
import { typeormOptions } from '../../src/database/typeorm-options';
import {
  ADMIN_URL_ENV,
  databaseUrl,
  dropDatabase,
  TEMPLATE_ENV,
  TEMPLATE_PREFIX,
  TEST_DB_PREFIX,
  uniqueName,
  withAdminClient,
} from './test-database';

declare global {
  var __thiduaTestServer: PostgresServer | undefined;
}

const STALE_AFTER_MS = 60 * 60 * 1000;

/** Drops databases left by crashed runs (older than an hour, by their name). */
async function dropStale(adminUrl: string): Promise<void> {
  const { rows } = await withAdminClient(adminUrl, (c) =>
    c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%' OR datname LIKE '${TEMPLATE_PREFIX}%'`,
    ),
  );
  for (const { datname } of rows) {
    const created = Number(datname.split('_')[2]);
    if (Number.isFinite(created) && Date.now() - created > STALE_AFTER_MS) {
      await dropDatabase(adminUrl, datname);
    }
  }
}

/**
 * Once per `jest` run: find a PostgreSQL server (DATABASE_URL, else an embedded
 * one under .data/test-postgres), then build a template database with every
 * migration applied. Each test file clones it (CREATE DATABASE ... TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const server = await startEmbeddedServer({
      dataDir: process.env.TEST_EMBEDDED_PG_DIR ?? '.data/test-postgres',
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
    });
    globalThis.__thiduaTestServer = server;
    adminUrl = server.url;
  }
  await dropStale(adminUrl);
  const template = uniqueName(TEMPLATE_PREFIX);
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${template}"`));
  const dataSource = new DataSource(typeormOptions(databaseUrl(adminUrl, template), 2));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = template;
}
