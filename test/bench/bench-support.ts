import { Client } from 'pg';
import { DemoModule } from '../../src/demo/demo.module';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { PostgresServer, startEmbeddedServer } from '../../src/database/postgres-server';
import { databaseUrl, uniqueName, withAdminClient } from '../support/test-database';

/** A fresh database on DATABASE_URL's server (or an embedded one) with the app on it, listening. */
export async function benchApp(env: Record<string, string> = {}) {
  let server: PostgresServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbeddedServer({ dataDir: '.data/bench-postgres', port: 54331 });
    adminUrl = server.url;
  }
  const name = uniqueName('thidua_bench_');
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(adminUrl, name);
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_POOL_SIZE: '24',
      ...env,
      DATABASE_URL: url,
    }),
    undefined,
    [DemoModule],
  );
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url,
    base: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await withAdminClient(adminUrl!, (c) =>
        c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
      await server?.stop();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs `work` items with `clients` concurrent workers; returns elapsed ms. */
export async function concurrently<T>(
  items: T[],
  clients: number,
  work: (item: T, client: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < items.length) await work(items[next++], client);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function pgClients(url: string, n: number): Promise<Client[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
