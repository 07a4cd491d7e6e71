import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the global setup for every test file. */
export const ADMIN_URL_ENV = 'THIDUA_TEST_ADMIN_URL';
export const TEMPLATE_ENV = 'THIDUA_TEST_TEMPLATE';

export const TEST_DB_PREFIX = 'thidua_t_';
export const TEMPLATE_PREFIX = 'thidua_tpl_';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A unique database name whose middle part is its creation time (ms). */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now()}_${randomBytes(4).toString('hex')}`;
}

export async function withAdminClient<T>(
  serverUrl: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (global setup).`);
  return value;
}

/** A fresh database cloned from the migrated template; drop it when done. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const adminUrl = required(ADMIN_URL_ENV);
  const template = required(TEMPLATE_ENV);
  const name = uniqueName(TEST_DB_PREFIX);
  await withAdminClient(adminUrl, (c) =>
    c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  return { name, url: databaseUrl(adminUrl, name) };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function dropTestDatabase(name: string): Promise<void> {
  await dropDatabase(required(ADMIN_URL_ENV), name);
}
