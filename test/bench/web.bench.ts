/**
 * npm run bench:web
 *
 * Loads 100,000 dossiers, signs in through the sign-in page, then measures
 * through HTTP: the Home Affairs queue page (HTML, with its filters) against
 * the API's queue for the same filters in the same run, and a dossier's page.
 * Ends with one line of JSON.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { seedDemo } from '../support/actors';
import { User } from '../../src/users/user.entity';
import { benchApp, fmt, percentile, timeIt } from './bench-support';
import { DOSSIERS, loadDossiers } from './load-dossiers';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 40);

async function main(): Promise<void> {
  const bench = await benchApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  try {
    const ds = bench.app.get(DataSource);
    await seedDemo(bench);
    const [{ id: authorityId }] = await ds.query("SELECT id FROM authorities WHERE code = 'tu-ky'");
    const loadMs = await timeIt(() => loadDossiers(ds, authorityId));
    console.log(`loaded ${DOSSIERS} dossiers in ${fmt(loadMs / 1000)} s`);

    const form = await fetch(`${bench.base}/dang-nhap`);
    const formCookie = form.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const signIn = await fetch(`${bench.base}/dang-nhap`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: formCookie },
      body: new URLSearchParams({ username: 'noivu', password: 'ThiDua@2025', _csrf: csrf }),
      redirect: 'manual',
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const page = { Cookie: cookie, Accept: 'text/html' };
    const user = await ds.getRepository(User).findOneByOrFail({ username: 'noivu' });
    const api = {
      Authorization: `Bearer ${(await bench.app.get(AuthService).issueSession(user)).accessToken}`,
    };
    const [{ id: unitId }] = await ds.query(
      "SELECT id FROM units WHERE code = 'XA-HUNGDAO' AND authority_id = $1",
      [authorityId],
    );
    const filters = [
      'status=submitted&sort=submittedAt',
      'overdue=true&sort=appraisalDueOn',
      `unitId=${unitId}&sort=updatedAt&order=desc`,
      'offset=1000',
    ];
    const pageMs: number[] = [];
    const apiMs: number[] = [];
    let pageBytes = 0;
    for (let i = 0; i < RUNS; i++)
      for (const f of filters) {
        // Alternating page and API, so that both see the same machine.
        pageMs.push(
          await timeIt(async () => {
            const res = await fetch(`${bench.base}/?${f}`, { headers: page });
            if (res.status !== 200) throw new Error(`page ${f}: ${res.status}`);
            pageBytes = Math.max(pageBytes, (await res.arrayBuffer()).byteLength);
          }),
        );
        apiMs.push(
          await timeIt(async () => {
            const res = await fetch(`${bench.base}/api/dossiers?${f}`, { headers: api });
            if (res.status !== 200) throw new Error(`api ${f}: ${res.status}`);
            await res.json();
          }),
        );
      }
    const ids: { id: string }[] = await ds.query(
      // Home Affairs opens them: not what units never sent, which only their unit sees.
      "SELECT id FROM dossiers WHERE status NOT IN ('draft', 'discarded') ORDER BY random() LIMIT $1",
      [RUNS * 2],
    );
    const dossierMs: number[] = [];
    for (const { id } of ids)
      dossierMs.push(
        await timeIt(async () => {
          const res = await fetch(`${bench.base}/ho-so/${id}`, { headers: page });
          if (res.status !== 200) throw new Error(`dossier page: ${res.status}`);
          pageBytes = Math.max(pageBytes, (await res.arrayBuffer()).byteLength);
        }),
      );
    for (const list of [pageMs, apiMs, dossierMs]) list.sort((a, b) => a - b);
    const result = {
      dossiers: DOSSIERS,
      queuePageP50Ms: +fmt(percentile(pageMs, 50)),
      queuePageP95Ms: +fmt(percentile(pageMs, 95)),
      dossierPageP95Ms: +fmt(percentile(dossierMs, 95)),
      apiQueueP95Ms: +fmt(percentile(apiMs, 95)),
      pageBytes,
    };
    console.log(
      `queue page p50 ${result.queuePageP50Ms} ms, p95 ${result.queuePageP95Ms} ms (target < 100 ms); ` +
        `API queue p95 ${result.apiQueueP95Ms} ms; ratio ${fmt(result.queuePageP95Ms / result.apiQueueP95Ms)} (target ≤ 1.5)`,
    );
    console.log(
      `dossier page p95 ${result.dossierPageP95Ms} ms; largest page ${pageBytes} bytes (target < 100 KB)`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
