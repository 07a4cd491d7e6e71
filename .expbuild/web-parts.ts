import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { seedDemo } from '../test/support/actors';
import { User } from '../src/users/user.entity';
import { benchApp, fmt, percentile, timeIt } from '../test/bench/bench-support';
import { loadDossiers } from '../test/bench/load-dossiers';
import { DossiersService } from '../src/dossiers/dossiers.service';
import { NotificationsService } from '../src/notifications/notifications.service';
import { UnitsService } from '../src/units/units.service';
import { MovementsService } from '../src/movements/movements.service';
import { AwardsService } from '../src/awards/awards.service';
import { UsersService } from '../src/users/users.service';
import { AuthoritiesService } from '../src/authorities/authorities.service';
import { WebForms } from '../src/web/web-forms';
import { DossierQueryDto } from '../src/dossiers/dossiers.dto';

async function main() {
  const bench = await benchApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  try {
    const ds = bench.app.get(DataSource);
    await seedDemo(bench);
    const [{ id: authorityId }] = await ds.query("SELECT id FROM authorities WHERE code = 'tu-ky'");
    await loadDossiers(ds, authorityId);
    const user = await ds.getRepository(User).findOneByOrFail({ username: 'noivu' });
    const token = (await bench.app.get(AuthService).issueSession(user)).accessToken;
    const actor = (await bench.app.get(AuthService).actorFor(token, null))!;
    const [{ id: unitId }] = await ds.query("SELECT id FROM units WHERE code = 'XA-HUNGDAO' AND authority_id = $1", [authorityId]);
    const filters = [
      { status: 'submitted', sort: 'submittedAt' },
      { overdue: 'true', sort: 'appraisalDueOn' },
      { unitId, sort: 'updatedAt', order: 'desc' },
      { offset: '1000' },
    ];
    const forms = bench.app.get(WebForms);
    const dossiers = bench.app.get(DossiersService);
    const notifications = bench.app.get(NotificationsService);
    const units = bench.app.get(UnitsService);
    const movements = bench.app.get(MovementsService);
    const awards = bench.app.get(AwardsService);
    const users = bench.app.get(UsersService);
    const authorities = bench.app.get(AuthoritiesService);
    const t: Record<string, number[]> = {};
    const time = async <T>(k: string, f: () => Promise<T>): Promise<T> => {
      const s = process.hrtime.bigint();
      const r = await f();
      (t[k] ??= []).push(Number(process.hrtime.bigint() - s) / 1e6);
      return r;
    };
    const [{ n: notes }] = await ds.query('SELECT count(*)::int n FROM notifications WHERE user_id = $1', [user.id]);
    console.log('notifications of noivu', notes);
    for (let i = 0; i < 40; i++)
      for (const [fi, f] of filters.entries()) {
        const q = await time('valid', () => forms.valid(DossierQueryDto, f));
        const page = await time('queue'+fi, () => dossiers.queue(actor, q));
        await time('notif', () => notifications.list(actor, { limit: 5, offset: 0 } as never));
        await time('units', () => units.visibleTo(actor));
        await time('movements', () => movements.visibleTo(actor));
        await time('awards', () => awards.list(actor));
        await time('names', () => users.namesOf(actor, page.items.map((d) => d.assignedTo)));
        await time('authority', () => authorities.own(actor));
        const qs = new URLSearchParams(f as Record<string, string>).toString();
        await time('httpPage'+fi, async () => {
          const res = await fetch(`${bench.base}/?${qs}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/html' } });
          if (res.status !== 200) throw new Error('page ' + res.status);
          await res.arrayBuffer();
        });
        await time('httpApi'+fi, async () => {
          const res = await fetch(`${bench.base}/api/dossiers?${qs}`, { headers: { Authorization: `Bearer ${token}` } });
          if (res.status !== 200) throw new Error('api ' + res.status);
          await res.json();
        });
      }
    for (const [k, v] of Object.entries(t)) {
      v.sort((a, b) => a - b);
      console.log(k.padEnd(10), 'p50', fmt(percentile(v, 50), 2), 'p95', fmt(percentile(v, 95), 2));
    }
  } finally {
    await bench.close();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
