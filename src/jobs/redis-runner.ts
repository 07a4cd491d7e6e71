import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import {
  FAILED_KEPT_MS,
  JobProgress,
  JobRunner,
  JobState,
  JobStatus,
  jobsUnavailable,
} from './job';

/** The one queue of the installation; a job's name is its kind. */
export const JOBS_QUEUE = 'jobs';

/** How long a queue call may take before the queue counts as unreachable. */
const REDIS_TIMEOUT_MS = 2000;

/** What a job carries: the handler's input and the total its progress counts to. */
export interface QueuedJob {
  input: unknown;
  total: number;
}

const STATUS: Record<string, JobStatus> = {
  completed: 'finished',
  failed: 'failed',
  active: 'running',
};

/** A job's id in BullMQ: its kind and id (BullMQ refuses ':' in ids). */
export const queueId = (kind: string, id: string) => `${kind}-${id}`;

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), REDIS_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Jobs through BullMQ on Redis: this process only adds jobs and reads their
 * state; `npm run worker` processes (any number, on any machine reaching the
 * same PostgreSQL, Redis and files) run them. Redis unreachable: the API
 * keeps answering, new jobs are refused with 503 and Retry-After.
 */
@Injectable()
export class RedisJobRunner extends JobRunner {
  readonly mode = 'redis' as const;
  private readonly logger = new Logger('Jobs');
  private lastError = 0;

  constructor(
    @InjectQueue(JOBS_QUEUE) private readonly queue: Queue<QueuedJob>,
    private readonly config: AppConfig,
  ) {
    super();
    // Without a listener an unreachable Redis would be an uncaught 'error' event.
    queue.on('error', (error) => {
      if (Date.now() - this.lastError > 60_000)
        this.logger.warn(`Redis is unreachable for the job queue: ${error.message}`);
      this.lastError = Date.now();
    });
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      // Not yet connected (Redis away since start-up): a 503 in two seconds, no command queued.
      await within(this.queue.waitUntilReady());
      return await within(work());
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.logger.warn(`Job queue call failed: ${(error as Error).message}`);
      throw jobsUnavailable();
    }
  }

  private async stateOf(kind: string, id: string, job: Job<QueuedJob>): Promise<JobState> {
    const status = STATUS[await job.getState()] ?? 'waiting';
    const progress = job.progress as JobProgress | number;
    return {
      id,
      kind,
      status,
      progress:
        typeof progress === 'object' && progress !== null
          ? progress
          : { done: 0, total: job.data.total },
      result: status === 'finished' ? (job.returnvalue ?? null) : null,
      error: job.failedReason || null,
      attempts: job.attemptsStarted,
    };
  }

  start<I>(kind: string, id: string, input: I, total: number, redo = false): Promise<JobState> {
    return this.call(async () => {
      const jobId = queueId(kind, id);
      let job = await this.queue.getJob(jobId);
      const state = job && (await job.getState());
      if (
        job &&
        ((state === 'failed' && Date.now() - (job.finishedOn ?? 0) > FAILED_KEPT_MS) ||
          (state === 'completed' && redo))
      ) {
        await job.remove();
        job = undefined;
      }
      // Two requests at once add the same id: BullMQ keeps the first job and returns it.
      job ??= await this.queue.add(
        kind,
        { input, total },
        {
          jobId,
          attempts: this.config.JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 3600 },
        },
      );
      return this.stateOf(kind, id, job);
    });
  }

  state(kind: string, id: string): Promise<JobState | null> {
    return this.call(async () => {
      const job = await this.queue.getJob(queueId(kind, id));
      return job ? this.stateOf(kind, id, job) : null;
    });
  }

  async ready() {
    try {
      await within(
        this.queue.getBackend().client.then((c) => c.get(`${this.config.REDIS_PREFIX}:health`)),
      );
      return { ok: true as const };
    } catch (error) {
      return { ok: false as const, reason: (error as Error).message };
    }
  }
}
