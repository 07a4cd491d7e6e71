import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobHandlers } from './job';
import { JOBS_QUEUE, QueuedJob } from './redis-runner';

/**
 * The consuming side, in `npm run worker` processes only: takes jobs from
 * the queue and runs their handlers. A job whose worker dies is given to
 * another once its lock (JOB_LOCK_MS) lapses; its handler writes its result
 * atomically, so a job run twice still leaves one result.
 */
@Injectable()
export class JobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker: Worker<QueuedJob> | null = null;

  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<QueuedJob>(
      JOBS_QUEUE,
      (job) => this.handlers.get(job.name).run(job.data.input, (p) => job.updateProgress({ ...p })),
      {
        connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: this.config.REDIS_PREFIX,
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: Math.max(1000, Math.floor(this.config.JOB_LOCK_MS / 2)),
        maxStalledCount: this.config.JOB_ATTEMPTS,
      },
    );
    this.worker.on('error', (error) => this.logger.warn(`Worker: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.error({ err: error, job: job?.id, attempt: job?.attemptsMade }, 'Job failed'),
    );
    this.worker.on('completed', (job) =>
      this.logger.log(`Job ${job.id} finished (attempt ${job.attemptsStarted})`),
    );
    this.logger.log(
      `Worker started: queue ${this.config.REDIS_PREFIX}:${JOBS_QUEUE}, ${this.config.WORKER_CONCURRENCY} at once`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
