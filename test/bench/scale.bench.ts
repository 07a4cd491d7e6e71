/**
 * npm run bench:scale (needs Redis: REDIS_URL, default redis://127.0.0.1:6379)
 *
 * One API process (this one) and BENCH_WORKERS (1 or 2) `npm run worker`
 * processes on this machine, sharing PostgreSQL, Redis and the files. Prints
 * the rate of a 2,000-certificate print job (with two workers, the decision's
 * two variants at once), and the API's queue p95 (GET /api/dossiers, one
 * client) measured idle and while the job runs: the point of the workers is
 * that officers are not slowed down by printing. The workers run at a lower
 * CPU priority (nice 10), as the README advises when they share the API's
 * machine. Ends with one line of JSON.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { CertificatesService, PRINT_JOB } from '../../src/decisions/certificates.service';
import { JobRunner, settled } from '../../src/jobs/job';
import { seedDemo, tokenFor } from '../support/actors';
import type { TestApp } from '../support/test-app';
import { actors, issueDecision } from '../support/workflow-fixtures';
import { benchApp, fmt, httpLoad, percentile } from './bench-support';
import { loadDossiers } from './load-dossiers';

const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 2000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Copies a table's row `id` n - 1 times, each copy with the columns `vary` gives it. */
async function copies(
  ds: DataSource,
  table: string,
  id: string,
  n: number,
  vary: Record<string, string>,
): Promise<void> {
  const columns: string[] = (
    await ds.query(
      "SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public'",
      [table],
    )
  ).map((r: { c: string }) => r.c);
  const select = columns.map((c) => vary[c] ?? `t."${c}"`).join(', ');
  await ds.query(
    `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')})
     SELECT ${select} FROM ${table} t, generate_series(2, $2) g WHERE t.id = $1`,
    [id, n],
  );
}

async function main(): Promise<void> {
  const prefix = `thidua_bench_${randomBytes(4).toString('hex')}`;
  const filesDir = mkdtempSync(join(tmpdir(), 'thidua-scale-'));
  const bench = await benchApp({
    LOGIN_RATE_PER_MINUTE: '10000',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    FILES_DIR: filesDir,
  });
  const workers: ChildProcess[] = [];
  try {
    const ds = bench.app.get(DataSource);
    const t = {
      app: bench.app,
      http: bench.app.getHttpServer() as Server,
      dataSource: ds,
    } as unknown as TestApp;
    await seedDemo(t);
    const [{ id: authorityId }] = await ds.query("SELECT id FROM authorities WHERE code = 'tu-ky'");
    await loadDossiers(ds, authorityId, 20_000);
    const as = await actors(t);
    const decision = await issueDecision(t, as);
    // The decision's one certificate made CERTIFICATES: items and register entries copied.
    const [item] = await ds.query(
      'SELECT i.id AS "itemId", i.nominee_id AS "nomineeId", r.id AS "entryId", r.register_number AS "number" FROM decision_items i JOIN award_register r ON r.item_id = i.id WHERE i.decision_id = $1',
      [decision.id],
    );
    await ds.query(
      'CREATE TABLE scale_ids AS SELECT g, gen_random_uuid() AS item, gen_random_uuid() AS nominee FROM generate_series(2, $1) g',
      [CERTIFICATES],
    );
    await copies(ds, 'nominees', item.nomineeId, CERTIFICATES, {
      id: '(SELECT nominee FROM scale_ids s WHERE s.g = g.g)',
    });
    await copies(ds, 'decision_items', item.itemId, CERTIFICATES, {
      id: '(SELECT item FROM scale_ids s WHERE s.g = g.g)',
      nominee_id: '(SELECT nominee FROM scale_ids s WHERE s.g = g.g)',
      position: 'g.g',
      display_name: "t.display_name || ' ' || g.g",
    });
    await copies(ds, 'award_register', item.entryId, CERTIFICATES, {
      id: 'gen_random_uuid()',
      item_id: '(SELECT item FROM scale_ids s WHERE s.g = g.g)',
      register_number: `${item.number} + g.g`,
      verify_token: 'md5(random()::text) || md5(random()::text)',
      snapshot: `jsonb_set(jsonb_set(t.snapshot, '{awardeeName}', to_jsonb((t.snapshot->>'awardeeName') || ' ' || g.g)), '{registerNumber}', to_jsonb((${item.number} + g.g) || '/' || t.year))`,
    });

    // The workers, as `npm run worker` starts them, at a lower priority.
    for (let i = 0; i < WORKERS; i++) {
      const child = spawn(
        'nice',
        [
          '-n',
          '10',
          process.execPath,
          '-r',
          'ts-node/register/transpile-only',
          'src/cli/worker.ts',
        ],
        {
          env: {
            ...process.env,
            NODE_ENV: 'test',
            LOG_LEVEL: 'info',
            DATABASE_URL: bench.url,
            REDIS_URL,
            REDIS_PREFIX: prefix,
            FILES_DIR: filesDir,
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let log = '';
      child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
      workers.push(child);
      for (let waited = 0; !log.includes('Worker started'); waited += 100) {
        if (waited > 60_000) throw new Error(`worker ${i + 1} did not start:\n${log}`);
        await sleep(100);
      }
    }
    const token = await tokenFor(t, 'noivu');
    const actor = (await bench.app.get(AuthService).actorFor(token, null))!;
    const headers = { authorization: `Bearer ${token}` };
    const queue = () =>
      httpLoad(
        bench.base,
        Array.from({ length: 200 }, () => ({
          method: 'GET',
          path: '/api/dossiers?status=submitted&sort=submittedAt',
          headers,
        })),
        1,
      );
    const p95 = (latencies: number[]) =>
      percentile(
        [...latencies].sort((a, b) => a - b),
        95,
      );
    await queue(); // warm-up: the JIT and PostgreSQL's caches
    const idle = await queue();
    const apiP95IdleMs = p95(idle.latenciesMs);

    const certificates = bench.app.get(CertificatesService);
    const jobs = bench.app.get(JobRunner);
    const variants = (['standard', 'blank'] as const).slice(0, WORKERS);
    const started = process.hrtime.bigint();
    const started_ = await Promise.all(
      variants.map((v) => certificates.printJob(actor, decision.id, v)),
    );
    // The API's queue while the workers print.
    const busyLatencies: number[] = [];
    let printing = true;
    const finished = Promise.all(started_.map((j) => settled(jobs, PRINT_JOB, j.jobId, 200))).then(
      (states) => {
        printing = false;
        return states;
      },
    );
    while (printing) busyLatencies.push(...(await queue()).latenciesMs);
    const states = await finished;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (states.some((s) => s.status !== 'finished'))
      throw new Error(`a print failed: ${JSON.stringify(states)}`);
    const jobPerSec = (CERTIFICATES * variants.length) / seconds;
    const apiP95BusyMs = p95(busyLatencies);
    console.log(
      `${WORKERS} worker(s): ${CERTIFICATES * variants.length} certificates in ${fmt(seconds, 1)} s = ${fmt(jobPerSec, 1)}/s`,
    );
    console.log(
      `API queue p95: idle ${fmt(apiP95IdleMs, 1)} ms, while printing ${fmt(apiP95BusyMs, 1)} ms (${busyLatencies.length} requests; ×${fmt(apiP95BusyMs / apiP95IdleMs, 2)}, target ≤ 2)`,
    );
    console.log(
      JSON.stringify({
        workers: WORKERS,
        certificates: CERTIFICATES * variants.length,
        jobPerSec: Number(fmt(jobPerSec, 1)),
        apiP95IdleMs: Number(fmt(apiP95IdleMs, 1)),
        apiP95BusyMs: Number(fmt(apiP95BusyMs, 1)),
      }),
    );
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await bench.close();
    rmSync(filesDir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
