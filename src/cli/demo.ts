import 'reflect-metadata';
import { DemoModule } from '../demo/demo.module';
import { DemoSeeder } from '../demo/demo.seeder';
import { join } from 'node:path';
import { projectRoot } from '../documents/project-root';
import { serve } from '../server';

// The demo signs with the test PKI's keys (test/fixtures/signing), unless told otherwise.
if (!process.env.SIGNING_KEYS_DIR) {
  process.env.SIGNING_KEYS_DIR = join(projectRoot(), 'test', 'fixtures', 'signing');
  process.env.SIGNING_KEY_PASSWORD = 'thidua-test';
}
// Offline QR codes on in the demo; its keys' secret is the demo's (never a real deployment's).
process.env.QR_KEYS_SECRET ??= 'demo only: the secret of the demo offline QR keys';

/**
 * `npm run demo`: the service with the demo data loaded first (idempotent).
 * The demo module is part of this command only, never of the production app.
 */
serve({ imports: [DemoModule], beforeListen: (app) => app.get(DemoSeeder).run() });
