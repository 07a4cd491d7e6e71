import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { InProcessJobRunner } from './in-process-runner';
import { JobHandlers, JobRunner } from './job';
import { JobsWorker } from './jobs-worker';
import { JOBS_QUEUE, RedisJobRunner } from './redis-runner';

/**
 * The job runner chosen by the configuration: BullMQ on Redis when REDIS_URL
 * is set, else in this process. `worker`: this process consumes the queue
 * (`npm run worker`); an API process never does.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig, worker = false): DynamicModule {
    if (!config.REDIS_URL) {
      if (worker) throw new Error('A worker needs REDIS_URL: without Redis, jobs run in the app.');
      return {
        module: JobsModule,
        providers: [JobHandlers, { provide: JobRunner, useClass: InProcessJobRunner }],
        exports: [JobHandlers, JobRunner],
      };
    }
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({
          // Redis away: every queue call times out (RedisJobRunner), and a new job is a 503.
          connection: { url: config.REDIS_URL },
          prefix: config.REDIS_PREFIX,
        }),
        BullModule.registerQueue({ name: JOBS_QUEUE }),
      ],
      providers: [
        JobHandlers,
        { provide: JobRunner, useClass: RedisJobRunner },
        ...(worker ? [JobsWorker] : []),
      ],
      exports: [JobHandlers, JobRunner],
    };
  }
}
