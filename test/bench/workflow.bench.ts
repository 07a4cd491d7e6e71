/**
 * npm run bench:workflow
 *
 * Loads 100,000 dossiers, then measures, each beside a baseline run in the
 * same process on the same database:
 *  - the Home Affairs queue (GET /api/dossiers through HTTP, common filters)
 *    against the equivalent single SQL query;
 *  - transitions ("take": submitted → under appraisal) by 16 concurrent
 *    clients, each dossier attempted twice, against the equivalent single
 *    SQL statement on 16 connections, and through HTTP, in alternating rounds:
 *    the same conditional update, history
 *    row, audit record and notifications, written by hand. The headline
 *    figure calls the workflow's transition method in process (the same code
 *    the HTTP route calls, with its audit row and notifications); the HTTP
 *    figure, with authentication and JSON, is printed beside it.
 * It also measures the floor of any API call (an authenticated GET /api/auth/me)
 * and the ratio a transition would have at that floor, and the HTTP stack alone
 * (the transition's route refused by validation before any database work).
 * Ends with one line of JSON.
 */
import 'reflect-metadata';
import { AuthService } from '../../src/auth/auth.service';
import { AppError } from '../../src/common/errors/app-error';
import { DossierWorkflowService } from '../../src/dossiers/dossier-workflow.service';
import { seedDemo } from '../support/actors';
import { User } from '../../src/users/user.entity';
import { DataSource } from 'typeorm';
import {
  benchApp,
  concurrently,
  fmt,
  httpLoad,
  type LoadRequest,
  percentile,
  pgClients,
  threadCpuMs,
  timeIt,
} from './bench-support';
import { loadDossiers as load } from './load-dossiers';

const QUEUE_RUNS = Number(process.env.BENCH_QUEUE_RUNS ?? 40);
const TRANSITIONS = Number(process.env.BENCH_TRANSITIONS ?? 2_000);
const CLIENTS = 16;
const ROUNDS = 4;

async function main(): Promise<void> {
  const bench = await benchApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  try {
    const ds = bench.app.get(DataSource);
    await seedDemo(bench);
    const [{ id: authorityId }] = await ds.query("SELECT id FROM authorities WHERE code = 'tu-ky'");
    const loadMs = await timeIt(() => load(ds, authorityId));
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM dossiers');
    console.log(`loaded ${n} dossiers (+ 2 nominees each) in ${fmt(loadMs / 1000)} s`);

    const user = await ds.getRepository(User).findOneByOrFail({ username: 'noivu' });
    const token = (await bench.app.get(AuthService).issueSession(user)).accessToken;
    const headers = { Authorization: `Bearer ${token}` };
    const [{ id: unitId }] = await ds.query(
      "SELECT id FROM units WHERE code = 'XA-HUNGDAO' AND authority_id = $1",
      [authorityId],
    );
    const [{ id: formId }] = await ds.query(
      "SELECT id FROM award_forms WHERE code = 'CSTDCS' AND authority_id = $1",
      [authorityId],
    );

    // The common filters, each with the single SQL query that answers the same page.
    const cols = 'd.id, d.title, d.status, d.appraisal_due_on, d.submitted_at, u.name';
    // Home Affairs' scope: the authority's dossiers but what units never sent.
    const from =
      "FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.authority_id = $1 AND d.status NOT IN ('draft', 'discarded')";
    const filters: { name: string; query: string; sql: string; params: unknown[] }[] = [
      {
        name: 'submitted, oldest first',
        query: 'status=submitted&sort=submittedAt',
        sql: `SELECT ${cols} ${from} AND d.status = 'submitted' ORDER BY d.submitted_at LIMIT 20`,
        params: [authorityId],
      },
      {
        name: 'overdue',
        query: 'overdue=true&sort=appraisalDueOn',
        sql: `SELECT ${cols} ${from} AND d.status IN ('submitted','under_appraisal') AND d.appraisal_due_on < current_date ORDER BY d.appraisal_due_on LIMIT 20`,
        params: [authorityId],
      },
      {
        name: 'one unit',
        query: `unitId=${unitId}&sort=updatedAt&order=desc`,
        sql: `SELECT ${cols} ${from} AND d.unit_id = $2 ORDER BY d.updated_at DESC LIMIT 20`,
        params: [authorityId, unitId],
      },
      {
        name: 'award form',
        query: `awardFormId=${formId}&status=under_appraisal`,
        sql: `SELECT ${cols} ${from} AND d.status = 'under_appraisal' AND EXISTS (SELECT 1 FROM nominees n WHERE n.dossier_id = d.id AND n.award_form_id = $2) ORDER BY d.submitted_at LIMIT 20`,
        params: [authorityId, formId],
      },
      {
        name: 'page 50 of everything',
        query: 'offset=1000&limit=20',
        sql: `SELECT ${cols} ${from} ORDER BY d.submitted_at LIMIT 20 OFFSET 1000`,
        params: [authorityId],
      },
    ];
    const [sqlClient] = await pgClients(bench.url, 1);
    const queue: number[] = [];
    const baseline: number[] = [];
    for (const f of filters) {
      const mine: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < QUEUE_RUNS; i++) {
        mine.push(
          await timeIt(async () => {
            const res = await fetch(`${bench.base}/api/dossiers?${f.query}`, { headers });
            if (res.status !== 200)
              throw new Error(`queue ${f.name}: ${res.status} ${await res.text()}`);
            await res.json();
          }),
        );
        base.push(await timeIt(() => sqlClient.query(f.sql, f.params)));
      }
      mine.sort((a, b) => a - b);
      base.sort((a, b) => a - b);
      queue.push(...mine);
      baseline.push(...base);
      console.log(
        `queue ${f.name.padEnd(24)} p50 ${fmt(percentile(mine, 50))} ms  p95 ${fmt(percentile(mine, 95))} ms   baseline SQL p50 ${fmt(percentile(base, 50), 2)} ms  (×${fmt(percentile(mine, 50) / percentile(base, 50))})`,
      );
    }
    await sqlClient.end();
    queue.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    const queueP50 = percentile(queue, 50);
    const queueP95 = percentile(queue, 95);

    // Transitions: each submitted dossier is attempted by two clients; exactly one must win.
    const pick = async (limit: number): Promise<string[]> =>
      (
        await ds.query(
          "SELECT id FROM dossiers WHERE status = 'submitted' AND authority_id = $1 ORDER BY random() LIMIT $2",
          [authorityId, limit],
        )
      ).map((r: { id: string }) => r.id);
    // The workflow's one transition method against the equivalent statement, 16 concurrent
    // callers each, in alternating rounds so that neither side gets the quieter moments.
    const workflow = bench.app.get(DossierWorkflowService);
    const actor = (await bench.app.get(AuthService).actorFor(token, null))!;
    const clients = await pgClients(bench.url, CLIENTS);
    const [{ id: actorId }] = await ds.query("SELECT id FROM users WHERE username = 'noivu'");
    const ours: string[] = [];
    let won = 0;
    let refused = 0;
    let elapsed = 0;
    let baseWon = 0;
    let baseElapsed = 0;
    // Through HTTP, as a browser would: authentication, validation, JSON.
    const viaHttp: string[] = [];
    let httpWon = 0;
    let httpElapsed = 0;
    // CPU time by thread over the timed attempts: the app's event loop (this thread) and the client's.
    const cpu = { httpMain: 0, httpClient: 0, serviceMain: 0 };
    const http = async () => {
      const ids = await pick(Math.round(TRANSITIONS / ROUNDS));
      viaHttp.push(...ids);
      const cpuBefore = threadCpuMs();
      const load = await httpLoad(
        bench.base,
        ids.flatMap((id) => {
          const take = {
            method: 'POST',
            path: `/api/dossiers/${id}/take`,
            headers: { ...headers, 'content-type': 'application/json' },
            body: '{}',
          };
          return [take, take];
        }),
        CLIENTS,
      );
      cpu.httpMain += threadCpuMs() - cpuBefore;
      cpu.httpClient += load.clientCpuMs;
      httpElapsed += load.elapsedMs;
      for (const status of load.statuses) {
        if (status === 200) httpWon++;
        else if (status !== 409) throw new Error(`take: ${status}`);
      }
    };
    const service = async () => {
      const ids = await pick(Math.round(TRANSITIONS / ROUNDS));
      ours.push(...ids);
      const cpuBefore = threadCpuMs();
      elapsed += await concurrently(
        ids.flatMap((id) => [id, id]),
        CLIENTS,
        async (id) => {
          try {
            await workflow.transition(actor, id, 'take');
            won++;
          } catch (error) {
            if (error instanceof AppError && error.status === 409) refused++;
            else throw error;
          }
        },
      );
      cpu.serviceMain += threadCpuMs() - cpuBefore;
    };
    let preparedWon = 0;
    let preparedElapsed = 0;
    const equivalent = async (prepared = false) => {
      const ids = await pick(Math.round(TRANSITIONS / ROUNDS));
      const ms = await concurrently(
        ids.flatMap((id) => [id, id]),
        CLIENTS,
        async (id, client) => {
          const res = await clients[client].query({
            // Plain, as one would type it; a prepared variant is printed for reference.
            ...(prepared ? { name: 'equivalent' } : {}),
            text: `WITH moved AS (UPDATE dossiers SET status = 'under_appraisal', assigned_to = $2, version = version + 1, updated_at = now()
                             WHERE id = $1 AND status = 'submitted' RETURNING id, unit_id, title),
                  event AS (INSERT INTO dossier_events (dossier_id, actor_id, actor_name, role, action, from_status, to_status, comment)
                            SELECT id, $2, 'noivu', 'home_affairs', 'take', 'submitted', 'under_appraisal', '' FROM moved),
                  audited AS (INSERT INTO audit_records (actor_id, actor_username, role, authority_id, action, target_type, target_id, changes)
                              SELECT $2, 'noivu', 'home_affairs', $3, 'dossier.take', 'dossier', id,
                                     '{"status":{"from":"submitted","to":"under_appraisal"}}' FROM moved),
                  notified AS (INSERT INTO notifications (user_id, dossier_id, message)
                               SELECT u.id, m.id, 'Hồ sơ "' || m.title || '": Nhận thẩm định → Đang thẩm định.'
                                 FROM moved m JOIN users u ON u.authority_id = $3 AND u.active
                                  AND (u.id = $2 OR (u.role = 'unit_officer' AND u.unit_id = m.unit_id)))
             SELECT id FROM moved`,
            values: [id, actorId, authorityId],
          });
          if (prepared) preparedWon += res.rowCount ?? 0;
          else baseWon += res.rowCount ?? 0;
        },
      );
      if (prepared) preparedElapsed += ms;
      else baseElapsed += ms;
    };
    // Warm-up, not counted: the JIT has compiled both paths before either is timed (the
    // HTTP path's own code, the adapter's and the guards', is otherwise cold in round one).
    {
      const ids = await pick(Math.round(TRANSITIONS / ROUNDS));
      const half = Math.floor(ids.length / 2);
      await httpLoad(
        bench.base,
        ids.slice(0, half).map((id) => ({
          method: 'POST',
          path: `/api/dossiers/${id}/take`,
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{}',
        })),
        CLIENTS,
      );
      await concurrently(ids.slice(half), CLIENTS, (id) =>
        workflow.transition(actor, id, 'take').then(() => undefined),
      );
    }
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2) await equivalent().then(service).then(http);
      else
        await http()
          .then(service)
          .then(() => equivalent());
      await equivalent(true);
    }
    // Main-thread CPU per request of 2,000 copies of one request, all answered `status`.
    const cpuPerRequest = async (request: LoadRequest, status: number): Promise<number> => {
      const REQUESTS = 2_000;
      const before = threadCpuMs();
      const load = await httpLoad(bench.base, Array(REQUESTS).fill(request), CLIENTS);
      const ms = (threadCpuMs() - before) / REQUESTS;
      if (load.statuses.some((s) => s !== status))
        throw new Error(`${request.path}: not ${status}`);
      return Number(fmt(ms, 3));
    };
    // The floor of any API call here: an authenticated read that does almost nothing
    // (GET /api/auth/me: the session lookup and one user row).
    const httpFloorCpuMs = await cpuPerRequest(
      { method: 'GET', path: '/api/auth/me', headers },
      200,
    );
    // The HTTP stack alone: the same route as the transitions, authenticated, its body
    // validated, refused by its id's check before any database work (400 through the
    // exception filter). A transition through HTTP costs more than this plus the work in
    // process: the rest is printed as "left", the price of the two interleaved on one
    // event loop while the load's client and PostgreSQL share the machine's cores.
    const httpStackCpuMs = await cpuPerRequest(
      {
        method: 'POST',
        path: '/api/dossiers/khong-phai-ma/take',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      },
      400,
    );
    const httpPerSec = httpWon / (httpElapsed / 1000);
    await Promise.all(clients.map((c) => c.end()));
    const transitionsPerSec = won / (elapsed / 1000);
    const baselinePerSec = baseWon / (baseElapsed / 1000);
    const ratio = transitionsPerSec / baselinePerSec;
    const preparedPerSec = preparedWon / (preparedElapsed / 1000);
    const all = [...ours, ...viaHttp];
    const [{ taken }] = await ds.query(
      "SELECT count(*)::int AS taken FROM dossiers WHERE id = ANY($1) AND status = 'under_appraisal'",
      [all],
    );
    const [{ doubled }] = await ds.query(
      "SELECT count(*)::int AS doubled FROM (SELECT dossier_id FROM dossier_events WHERE action = 'take' AND dossier_id = ANY($1) GROUP BY dossier_id HAVING count(*) > 1) x",
      [all],
    );
    const lost = all.length - taken + Math.abs(won + httpWon - taken);

    console.log(
      `transitions (service): ${won} won, ${refused} refused (409) of ${ours.length * 2} attempts by ${CLIENTS} clients in ${fmt(elapsed / 1000, 2)} s = ${fmt(transitionsPerSec)}/s`,
    );
    console.log(
      `baseline, the equivalent single SQL statement: ${baseWon} in ${fmt(baseElapsed / 1000, 2)} s = ${fmt(baselinePerSec)}/s; ratio ${fmt(ratio, 3)}`,
    );
    console.log(
      `(for reference: the same statement prepared once per connection, as the workflow prepares its own: ${fmt(preparedPerSec)}/s; ratio ${fmt(transitionsPerSec / preparedPerSec, 3)})`,
    );
    console.log(
      `queue over all filters: p50 ${fmt(queueP50)} ms, p95 ${fmt(queueP95)} ms (target p95 < 50 ms); baseline SQL p50 ${fmt(percentile(baseline, 50), 2)} ms`,
    );
    console.log(
      `transitions (HTTP):    ${httpWon} won of ${viaHttp.length * 2} attempts in ${fmt(httpElapsed / 1000, 2)} s = ${fmt(httpPerSec)}/s; ${fmt(httpPerSec / transitionsPerSec, 3)} of the in-process rate (target ≥ 0.5)`,
    );
    const perAttempt = (ms: number, attempts: number) => Number(fmt(ms / attempts, 3));
    const httpMainCpuMs = perAttempt(cpu.httpMain, viaHttp.length * 2);
    const httpClientCpuMs = perAttempt(cpu.httpClient, viaHttp.length * 2);
    const serviceMainCpuMs = perAttempt(cpu.serviceMain, ours.length * 2);
    console.log(
      `CPU per attempt: through HTTP ${httpMainCpuMs} ms on the app's event loop + ${httpClientCpuMs} ms on the client's thread; in process ${serviceMainCpuMs} ms (the rest of a request: collector threads and PostgreSQL)`,
    );
    // The ratio if a transition through HTTP cost its in-process work plus that floor on the
    // event loop. An estimate, not a bound: the floor has its own session and user reads, and
    // the ratio compares rates, not CPU, so runs have passed it (JSON key kept: httpRatioCeiling).
    const httpRatioCeiling = Number(fmt(serviceMainCpuMs / (serviceMainCpuMs + httpFloorCpuMs), 3));
    console.log(
      `floor of an API call (GET /api/auth/me): ${httpFloorCpuMs} ms on the app's event loop; the ratio at that floor (an estimate): ${httpRatioCeiling}`,
    );
    const httpSharingCpuMs = Number(fmt(httpMainCpuMs - serviceMainCpuMs - httpStackCpuMs, 3));
    console.log(
      `the HTTP stack alone (POST /take refused by validation, no database): ${httpStackCpuMs} ms on the app's event loop; left of a transition through HTTP beyond that stack and the in-process work (interleaving, a shared machine): ${httpSharingCpuMs} ms`,
    );
    console.log(`lost ${lost}, doubled ${doubled}`);
    console.log(
      JSON.stringify({
        node: process.versions.node,
        dossiers: n,
        queueP50Ms: Number(fmt(queueP50, 2)),
        queueP95Ms: Number(fmt(queueP95, 2)),
        transitionsPerSec: Number(fmt(transitionsPerSec)),
        httpTransitionsPerSec: Number(fmt(httpPerSec)),
        httpRatio: Number(fmt(httpPerSec / transitionsPerSec, 3)),
        httpMainCpuMs,
        httpClientCpuMs,
        serviceMainCpuMs,
        httpFloorCpuMs,
        httpRatioCeiling,
        httpStackCpuMs,
        httpSharingCpuMs,
        baselinePerSec: Number(fmt(baselinePerSec)),
        ratio: Number(fmt(ratio, 3)),
        lost,
        doubled,
      }),
    );
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
