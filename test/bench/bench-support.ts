import { RecipientKind } from '../../src/awards/award-form.entity';
import type { CertificateSnapshot, RegisterEntry } from '../../src/decisions/decision.entity';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { DemoModule } from '../../src/demo/demo.module';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { CertificatesService } from '../../src/decisions/certificates.service';
import { OrganisationSigner } from '../../src/documents/organisation-signer.service';
import { PdfRenderer } from '../../src/documents/pdf-renderer.service';
import { TemplatesService } from '../../src/documents/templates.service';
import { PostgresServer, startEmbeddedServer } from '../../src/database/postgres-server';
import { databaseUrl, uniqueName, withAdminClient } from '../support/test-database';

/** A fresh database on DATABASE_URL's server (or an embedded one) with the app on it, listening. */
export async function benchApp(env: Record<string, string> = {}) {
  let server: PostgresServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbeddedServer({ dataDir: '.data/bench-postgres', port: 54331 });
    adminUrl = server.url;
  }
  const name = uniqueName('thidua_bench_');
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(adminUrl, name);
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_POOL_SIZE: '24',
      ...env,
      DATABASE_URL: url,
    }),
    undefined,
    [DemoModule],
  );
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url,
    base: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await withAdminClient(adminUrl!, (c) =>
        c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
      await server?.stop();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs `work` items with `clients` concurrent workers; returns elapsed ms. */
export async function concurrently<T>(
  items: T[],
  clients: number,
  work: (item: T, client: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < items.length) await work(items[next++], client);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function pgClients(url: string, n: number): Promise<Client[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/**
 * CPU time (ms) of the calling thread so far, from /proc: the scheduler's own
 * count in nanoseconds (schedstat), else user and system time at the kernel's
 * 100 ticks a second (stat: 10 ms steps, too coarse for a round of a thousand
 * requests); NaN where there is no /proc. Which thread pays for a request: the
 * app's event loop, the load's client, the collector's.
 * Self-contained: its source runs in the load's worker too.
 */
export function threadCpuMs(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readFileSync } = require('node:fs');
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    if (ns > 0) return ns / 1e6;
  } catch {
    // No schedstat: the ticks below.
  }
  try {
    const stat: string = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The client side of an HTTP benchmark in a thread of its own, with Node's
 * http module and keep-alive connections: the app's event loop serves the
 * requests alone, as it does for browsers elsewhere (fetch in the app's own
 * thread took a fifth of that thread). Statuses and latencies in request order.
 */
export function httpLoad(
  base: string,
  requests: LoadRequest[],
  clients: number,
): Promise<{
  elapsedMs: number;
  statuses: number[];
  latenciesMs: number[];
  /** CPU time of the client's own thread over the run. */
  clientCpuMs: number;
}> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { base, requests, clients } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
    const url = new URL(base);
    const statuses = new Array(requests.length);
    const latenciesMs = new Array(requests.length);
    const one = (r, i) => new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path,
        headers: { ...(r.headers || {}), ...(r.body ? { 'content-length': Buffer.byteLength(r.body) } : {}) }, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses[i] = res.statusCode;
          latenciesMs[i] = Number(process.hrtime.bigint() - started) / 1e6;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(r.body);
    });
    const threadCpuMs = ${threadCpuMs.toString()};
    (async () => {
      let next = 0;
      const cpuBefore = threadCpuMs();
      const started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: clients }, async () => {
        while (next < requests.length) { const i = next++; await one(requests[i], i); }
      }));
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      const clientCpuMs = threadCpuMs() - cpuBefore;
      agent.destroy();
      parentPort.postMessage({ elapsedMs, statuses, latenciesMs, clientCpuMs });
    })().catch((e) => { throw e; });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { base, requests, clients } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = [
  'Thị Hường',
  'Văn Hùng',
  'Minh Tuấn',
  'Thu Hà',
  'Đức Thắng',
  'Quốc Việt',
  'Thị Lan',
  'Văn Nam',
];

/** `n` certificates of one decision as the register keeps them, with varied Vietnamese names. */
export function sampleCertificates(n: number): RegisterEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const snapshot: CertificateSnapshot = {
      issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
      chairmanTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
      authorityName: 'Ủy ban nhân dân huyện Tứ Kỳ',
      placeName: 'Tứ Kỳ',
      awardeeName: `${SURNAMES[i % 10]} ${GIVEN[i % 8]}`,
      unitName: 'UBND xã Hưng Đạo',
      recipientKind: RecipientKind.Individual,
      awardFormName: 'Giấy khen của Chủ tịch Ủy ban nhân dân huyện',
      achievement:
        'Đã có thành tích xuất sắc trong phong trào thi đua "Chuyển đổi số giai đoạn 2021-2025"',
      decisionNumber: '05/QĐ-UBND',
      decisionDate: '2026-12-14',
      registerNumber: `${i + 1}/2026`,
      signerLines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      signerName: 'Đặng Thị Hạnh',
      verifyUrl: `https://thidua.tuky.example/verify/token${String(i).padStart(27, '0')}`,
    };
    return { snapshot } as RegisterEntry;
  });
}

/**
 * The certificates service with only what rendering and signing use (the
 * templates, the browser, the signer), outside an app: what the benchmarks of
 * printing measure, without a database.
 */
export function renderingCertificates(
  config: AppConfig,
  templates: TemplatesService,
  renderer: PdfRenderer,
  signer = new OrganisationSigner(config),
): CertificatesService {
  const unused = null as never;
  return new CertificatesService(
    unused,
    unused,
    templates,
    renderer,
    unused,
    unused,
    config,
    unused,
    unused,
    signer,
    unused,
    unused,
  );
}
