import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { DemoModule } from '../../src/demo/demo.module';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: Server;
  dataSource: DataSource;
  databaseName: string;
  filesDir: string;
  /** The configuration the app runs with (a worker of the same installation starts from it). */
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real application (same factory as main.ts) on a fresh database cloned
 * from the migrated template. One per test file: call close() in afterAll.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<TestApp> {
  const database = await createTestDatabase();
  // Each test file's evidence in a folder of its own, like its database.
  const filesDir = mkdtempSync(join(tmpdir(), 'thidua-files-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    FILES_DIR: filesDir,
    PDF_WARM_UP: 'false',
    ...env,
    DATABASE_URL: database.url,
  });
  // The demo seeder builds the fixtures, as `npm run demo` builds the demo.
  const app = await createApp(config, clock, [DemoModule]);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as Server,
    dataSource: app.get(DataSource),
    databaseName: database.name,
    filesDir: config.FILES_DIR,
    config,
    close: async () => {
      await app.close();
      await dropTestDatabase(database.name);
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
