import { HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

/**
 * Long work (a decision's certificates, large documents) as jobs: declared
 * by kind with one handler each, identified by their input (the same input
 * is the same job, and a finished one is reused), retried with backoff, their
 * progress readable from any process. Two runners behind one interface: in
 * this process (no Redis), or BullMQ queues consumed by `npm run worker`.
 */
export type JobStatus = 'waiting' | 'running' | 'finished' | 'failed';

export interface JobProgress {
  done: number;
  total: number;
}

export interface JobState<R = unknown> {
  /** The deterministic id the job was asked under. */
  id: string;
  kind: string;
  status: JobStatus;
  progress: JobProgress;
  /** What the handler returned, once finished (JSON: it may cross processes). */
  result: R | null;
  /** Why it failed, for the log; the user reads the handler's own message. */
  error: string | null;
  /** Attempts made so far (a retry after a failure or a dead worker counts). */
  attempts: number;
}

export interface JobHandler<I = unknown, R = unknown> {
  kind: string;
  run(input: I, progress: (p: JobProgress) => Promise<void>): Promise<R>;
}

/**
 * How long a failed job stays failed for the page that watches it; asked
 * again after that, it starts afresh.
 */
export const FAILED_KEPT_MS = 60_000;

/** The answer when the queue cannot take a job now. */
export function jobsUnavailable(): AppError {
  return new AppError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'JOBS_UNAVAILABLE',
    'Hàng đợi xử lý tạm thời không hoạt động; chưa thể bắt đầu việc in. Vui lòng thử lại sau ít phút.',
    [],
    { retryAfterSeconds: 30 },
  );
}

/** The handlers of this process, by kind: each domain module registers its own. */
@Injectable()
export class JobHandlers {
  private readonly byKind = new Map<string, JobHandler>();

  register<I, R>(handler: JobHandler<I, R>): void {
    if (this.byKind.has(handler.kind)) throw new Error(`Job kind ${handler.kind} registered twice`);
    this.byKind.set(handler.kind, handler as JobHandler);
  }

  get(kind: string): JobHandler {
    const handler = this.byKind.get(kind);
    if (!handler) throw new Error(`No handler for job kind ${kind}`);
    return handler;
  }
}

export abstract class JobRunner {
  /** `in-process` or `redis`: for the health check and the logs. */
  abstract readonly mode: 'in-process' | 'redis';

  /**
   * The job of this kind and id: the running or finished one if there is
   * one (a failed one while FAILED_KEPT_MS lasts), else a new one for this
   * input. `redo`: a finished one is run again (its result is gone).
   * 503 (Retry-After) when the queue cannot be reached.
   */
  abstract start<I>(
    kind: string,
    id: string,
    input: I,
    total: number,
    redo?: boolean,
  ): Promise<JobState>;

  /** The job's state, or null when there is none. 503 when the queue cannot be reached. */
  abstract state(kind: string, id: string): Promise<JobState | null>;

  /** Whether new jobs can be taken; a reason when not. */
  abstract ready(): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** Waits for a job to end (polling: works the same for both runners); its final state. */
export async function settled(
  runner: JobRunner,
  kind: string,
  id: string,
  pollMs = 100,
): Promise<JobState> {
  for (;;) {
    const state = await runner.state(kind, id);
    if (!state) throw new Error(`Job ${kind}/${id} vanished`);
    if (state.status === 'finished' || state.status === 'failed') return state;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
