import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Loads the demo data. Idempotent: every step upserts by a natural key, so
 * running it again changes nothing. Domain modules add their steps here.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<void> {
    const started = Date.now();
    await this.dataSource.transaction(async () => {});
    this.logger.log(`Demo data loaded in ${Date.now() - started} ms`);
  }
}
