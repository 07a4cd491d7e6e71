import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FAILED_KEPT_MS, JobHandlers, JobRunner, JobState } from './job';

/** How long a finished job's state is kept (its result is a file that outlives it). */
const FINISHED_KEPT_MS = 60 * 60_000;

/**
 * Jobs run in this process: for one machine without Redis (the README's two
 * commands). Same semantics as the Redis runner: one job per id, retries
 * with exponential backoff, a failure kept a minute.
 */
@Injectable()
export class InProcessJobRunner extends JobRunner {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, { state: JobState; endedAt: number }>();

  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
  ) {
    super();
  }

  start<I>(kind: string, id: string, input: I, total: number, redo = false): Promise<JobState> {
    const key = `${kind}-${id}`;
    const known = this.jobs.get(key);
    const ended =
      known &&
      ((known.state.status === 'failed' && Date.now() - known.endedAt > FAILED_KEPT_MS) ||
        (known.state.status === 'finished' && redo));
    if (known && !ended) return Promise.resolve({ ...known.state });
    const state: JobState = {
      id,
      kind,
      status: 'waiting',
      progress: { done: 0, total },
      result: null,
      error: null,
      attempts: 0,
    };
    const entry = { state, endedAt: 0 };
    this.jobs.set(key, entry);
    void this.run(key, entry, input);
    return Promise.resolve({ ...state });
  }

  private async run<I>(key: string, entry: { state: JobState; endedAt: number }, input: I) {
    const { state } = entry;
    const handler = this.handlers.get(state.kind);
    for (;;) {
      state.attempts++;
      state.status = 'running';
      try {
        state.result = await handler.run(input, (p) => {
          state.progress = p;
          return Promise.resolve();
        });
        state.status = 'finished';
        break;
      } catch (error) {
        state.error = error instanceof Error ? error.message : String(error);
        this.logger.error({ err: error, job: key, attempt: state.attempts }, 'Job failed');
        if (state.attempts >= this.config.JOB_ATTEMPTS) {
          state.status = 'failed';
          break;
        }
        state.status = 'waiting';
        const delay = this.config.JOB_BACKOFF_MS * 2 ** (state.attempts - 1);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    entry.endedAt = Date.now();
    setTimeout(
      () => this.jobs.get(key) === entry && this.jobs.delete(key),
      state.status === 'failed' ? FAILED_KEPT_MS : FINISHED_KEPT_MS,
    ).unref();
  }

  state(kind: string, id: string): Promise<JobState | null> {
    const known = this.jobs.get(`${kind}-${id}`);
    return Promise.resolve(known ? { ...known.state } : null);
  }

  ready() {
    return Promise.resolve({ ok: true as const });
  }
}
