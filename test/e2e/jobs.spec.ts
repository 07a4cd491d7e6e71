import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { PdfRenderer } from '../../src/documents/pdf-renderer.service';
import { createWorker } from '../../src/app.factory';
import { SessionCache } from '../../src/auth/session-cache';
import { AuthService } from '../../src/auth/auth.service';
import { CertificatesService, PRINT_JOB } from '../../src/decisions/certificates.service';
import { JobHandlers, JobRunner, settled } from '../../src/jobs/job';
import { seedDemo, tokenFor } from '../support/actors';
import { binary, webCookie } from '../support/http';
import { pdfPages, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import { actors, issueDecision } from '../support/workflow-fixtures';

/** The Redis every machine here runs; a prefix per test file keeps their keys apart. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = () => `thidua_t_${randomBytes(4).toString('hex')}`;
/** Removes a test file's keys from the shared Redis. */
async function dropRedisKeys(keyPrefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The PDFs (and leftovers) in the app's print folder. */
const printed = (t: TestApp) => {
  const dir = join(t.filesDir, 'print');
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** Polls the print page's progress fragment until it says the print is done (or failed). */
async function printFinished(t: TestApp, cookie: string, decisionId: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const html = (
      await request(t.http).get(`/quyet-dinh/${decisionId}/in/tien-do`).set('Cookie', cookie)
    ).text;
    if (html.includes('Đã in xong') || html.includes('role="alert"')) return html;
    await sleep(100);
  }
  throw new Error('The print did not finish in 60 s');
}

describe.each([
  ['in this process (no Redis)', false],
  ['on Redis, run by a worker', true],
])('jobs %s', (_, redis) => {
  let t: TestApp;
  let worker: INestApplicationContext | null = null;
  let as: Awaited<ReturnType<typeof actors>>;
  let decision: { id: string; numberLabel: string };

  beforeAll(async () => {
    t = await createTestApp({
      JOB_BACKOFF_MS: '50',
      ...(redis ? { REDIS_URL, REDIS_PREFIX: prefix() } : {}),
    });
    await seedDemo(t);
    as = await actors(t);
    decision = await issueDecision(t, as, ['Nguyễn Thị Hường', 'Trần Văn Hùng']);
    // A worker of the same installation: same database, Redis prefix and files.
    if (redis) worker = await createWorker(t.config);
  });

  it('a worker answers no requests, so it does not listen for session changes; the API does', () => {
    expect(t.app.get(SessionCache).active).toBe(true);
    if (worker) expect(worker.get(SessionCache).active).toBe(false);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    if (redis) await dropRedisKeys(t.config.REDIS_PREFIX);
  });

  it("prints a decision's certificates as a job: progress on the page, the file served, one job and one file for the same decision", async () => {
    const cookie = await webCookie(t, 'noivu');
    const page = await request(t.http)
      .get(`/quyet-dinh/${decision.id}/in`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('id="tien-do-in"');
    const done = await printFinished(t, cookie, decision.id);
    expect(done).toContain('Tải Giấy khen (PDF)');

    // The API shows the same job's progress and where to download it.
    const status = (
      await as.noivu.post(`/api/decisions/${decision.id}/certificates/print`).expect(200)
    ).body;
    expect(status).toEqual({
      status: 'finished',
      done: 1,
      total: 1,
      leftOut: 0,
      error: null,
      download: `/api/decisions/${decision.id}/certificates`,
    });
    await as.hungdao.post(`/api/decisions/${decision.id}/certificates/print`).expect(403);
    const bad = await as.noivu
      .post(`/api/decisions/${decision.id}/certificates/print?variant=gold`)
      .expect(400);
    expect(bad.body.details[0].field).toBe('variant');
    const pdf = (
      await as.noivu
        .get(`/api/decisions/${decision.id}/certificates`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    expect(pdfPages(pdf)).toBe(2);
    expect(pdfText(pdf)).toMatch(/Trần Văn Hùng/i);
    // Asked again (the API, the page): the same file, no second job.
    await as.noivu.get(`/api/decisions/${decision.id}/certificates`).expect(200);
    await request(t.http).get(`/quyet-dinh/${decision.id}/in`).set('Cookie', cookie).expect(200);
    const files = printed(t);
    expect(files).toHaveLength(1);
    const state = await t.app.get(JobRunner).state(PRINT_JOB, files[0].replace(/\.pdf$/, ''));
    expect(state).toMatchObject({
      status: 'finished',
      attempts: 1,
      progress: { done: 1, total: 1 },
      result: { file: files[0] },
    });

    // On Redis the API process never rendered: its browser was never started.
    if (redis) expect(await t.app.get(PdfRenderer).browserPid()).toBeUndefined();

    const health = await request(t.http).get('/health').expect(200);
    expect(health.body.details.jobs).toEqual({
      status: 'up',
      runner: redis ? 'redis' : 'in-process',
    });
  });

  it('retries a failing job with backoff until it succeeds, and fails it after the last attempt', async () => {
    const handlers = (worker ?? t.app).get(JobHandlers);
    const runs: Record<string, number> = {};
    handlers.register<{ failures: number }, { runs: number }>({
      kind: 'flaky',
      run: async ({ failures }, progress) => {
        const key = String(failures);
        runs[key] = (runs[key] ?? 0) + 1;
        await progress({ done: 0, total: 1 });
        if (runs[key] <= failures) throw new Error(`failure ${runs[key]}`);
        return { runs: runs[key] };
      },
    });
    const jobs = t.app.get(JobRunner);
    await jobs.start('flaky', 'twice', { failures: 2 }, 1);
    expect(await settled(jobs, 'flaky', 'twice')).toMatchObject({
      status: 'finished',
      attempts: 3,
      result: { runs: 3 },
    });
    await jobs.start('flaky', 'always', { failures: 99 }, 1);
    const failed = await settled(jobs, 'flaky', 'always');
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: 'failure 3' });
    // Asked again within the minute, the failure is what the watcher sees; nothing runs again.
    expect(await jobs.start('flaky', 'always', { failures: 99 }, 1)).toMatchObject({
      status: 'failed',
    });
    expect(runs['99']).toBe(3);
  });
});

describe('jobs on Redis: a worker killed in the middle of a job', () => {
  let t: TestApp;
  let child: ChildProcess | null = null;
  let rescuer: INestApplicationContext | null = null;

  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL, REDIS_PREFIX: prefix(), JOB_LOCK_MS: '2000' });
    await seedDemo(t);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await rescuer?.close();
    await t.close();
    await dropRedisKeys(t.config.REDIS_PREFIX);
  });

  it('gives the job to another worker, which produces the result once', async () => {
    const as = await actors(t);
    const decision = await issueDecision(t, as);
    // A real worker process, as `npm run worker` starts it.
    child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli/worker.ts'],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          DATABASE_URL: t.config.DATABASE_URL,
          REDIS_URL: t.config.REDIS_URL,
          REDIS_PREFIX: t.config.REDIS_PREFIX,
          FILES_DIR: t.filesDir,
          JOB_LOCK_MS: '2000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    for (let i = 0; !log.includes('Worker started'); i++) {
      if (i > 600) throw new Error(`The worker did not start in 60 s:\n${log}`);
      await sleep(100);
    }

    // Started as the print page starts it, by a Home Affairs officer.
    const actor = (await t.app.get(AuthService).actorFor(await tokenFor(t, 'noivu'), null))!;
    const { jobId } = await t.app.get(CertificatesService).printJob(actor, decision.id);
    const jobs = t.app.get(JobRunner);
    // Killed as soon as it has the job: Chromium is not even up yet.
    for (let i = 0; (await jobs.state(PRINT_JOB, jobId))?.status !== 'running'; i++) {
      if (i > 1000) throw new Error('The worker never took the job');
      await sleep(10);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(printed(t).filter((f) => f.endsWith('.pdf'))).toEqual([]);

    rescuer = await createWorker(t.config);
    const state = await settled(jobs, PRINT_JOB, jobId);
    expect(state).toMatchObject({ status: 'finished', attempts: 2 });
    expect(printed(t)).toEqual([`${jobId}.pdf`]);
    const cookie = await webCookie(t, 'noivu');
    expect(await printFinished(t, cookie, decision.id)).toContain('Đã in xong');
  });
});

describe('Redis shared by two API instances, and Redis unreachable', () => {
  it('counts the verification rate limit once for both instances', async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix(), VERIFY_RATE_PER_MINUTE: '3' };
    const a = await createTestApp(env);
    const b = await createTestApp(env);
    try {
      const ask = (app: TestApp) => request(app.http).get(`/verify/${'x'.repeat(32)}`);
      const statuses = [];
      for (const app of [a, b, a, b, a]) statuses.push((await ask(app)).status);
      // Three hits in all are allowed, whichever instance takes them; then both refuse.
      expect(statuses.slice(0, 3)).not.toContain(429);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await a.close();
      await b.close();
      await dropRedisKeys(env.REDIS_PREFIX);
    }
  });

  it('keeps answering without Redis: new print jobs 503 with Retry-After, the health check says so, the rest works', async () => {
    const t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: prefix() });
    try {
      await seedDemo(t);
      const as = await actors(t);
      // The workflow up to an issued decision does not need the queue.
      const decision = await issueDecision(t, as);
      const res = await as.noivu.get(`/api/decisions/${decision.id}/certificates`).expect(503);
      expect(res.body).toMatchObject({ error: 'JOBS_UNAVAILABLE' });
      expect(res.body.message).toContain('thử lại');
      expect(res.headers['retry-after']).toBe('30');
      const cookie = await webCookie(t, 'noivu');
      const page = await request(t.http)
        .get(`/quyet-dinh/${decision.id}/in`)
        .set('Cookie', cookie)
        .expect(503);
      expect(page.text).toContain('Hàng đợi xử lý tạm thời không hoạt động');
      // One certificate alone is rendered by the API itself, as before.
      const [{ id: itemId }] = await t.dataSource.query(
        'SELECT id FROM decision_items WHERE decision_id = $1',
        [decision.id],
      );
      await as.noivu.get(`/api/decisions/${decision.id}/certificates/${itemId}`).expect(200);
      const health = await request(t.http).get('/health').expect(200);
      expect(health.body.details.jobs).toMatchObject({ status: 'degraded', runner: 'redis' });
      // Sign-in counts its rate limit in this process meanwhile.
      await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'noivu', password: 'ThiDua@2025' })
        .expect(200);
    } finally {
      await t.close();
    }
  });
});
