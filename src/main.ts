import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { DemoSeeder } from './demo/demo.seeder';
import { DatabaseUnreachableError } from './database/postgres-server';

/** Node 20.19 is the first 20.x to load ES modules with require(), which NestJS 12 needs. */
function checkNode(): void {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Thi đua needs Node.js 20.19 or later (this is ${process.versions.node}).`);
    process.exit(1);
  }
}

/** Starts the service. With `--seed-demo` it first loads the demo data (idempotent). */
async function bootstrap(): Promise<void> {
  checkNode();
  const started = Date.now();
  const config = loadConfig();
  const app = await createApp(config);
  if (process.argv.includes('--seed-demo')) await app.get(DemoSeeder).run();
  await app.listen(config.PORT, config.HOST);
  new Logger('Bootstrap').log(
    `Thi đua is listening on http://${config.HOST}:${config.PORT} (started in ${Date.now() - started} ms)`,
  );
}

bootstrap().catch((error: unknown) => {
  // One clear line for configuration mistakes; the full error otherwise.
  const oneLine = error instanceof ConfigError || error instanceof DatabaseUnreachableError;
  console.error(oneLine ? error.message : error);
  process.exit(1);
});
