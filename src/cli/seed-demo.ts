import 'reflect-metadata';
import { createApp } from '../app.factory';
import { ConfigError, loadConfig } from '../config/app-config';
import { DemoModule } from '../demo/demo.module';
import { DemoSeeder } from '../demo/demo.seeder';

/** `npm run seed:demo`: migrate, load the demo data, exit. Safe to run again. */
async function main(): Promise<void> {
  const app = await createApp(loadConfig(), undefined, [DemoModule]);
  await app.init();
  try {
    await app.get(DemoSeeder).run();
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
