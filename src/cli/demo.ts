import 'reflect-metadata';
import { DemoModule } from '../demo/demo.module';
import { DemoSeeder } from '../demo/demo.seeder';
import { serve } from '../server';

/**
 * `npm run demo`: the service with the demo data loaded first (idempotent).
 * The demo module is part of this command only, never of the production app.
 */
serve({ imports: [DemoModule], beforeListen: (app) => app.get(DemoSeeder).run() });
