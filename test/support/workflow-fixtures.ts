import { api, tokenFor } from './actors';
import { TestApp } from './test-app';

type Api = ReturnType<typeof api>;

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

export async function uploadPdf(as: Api, name: string): Promise<string> {
  // A distinct body per upload, so each file is its own evidence.
  const body = Buffer.concat([PDF, Buffer.from(`% ${name} ${Math.random()}\n`)]);
  return (await as.post('/api/files').attach('file', body, name).expect(201)).body.id;
}

/** Ids the workflow tests need, looked up once. */
export async function lookups(t: TestApp) {
  const q = async (sql: string, params: unknown[] = []) =>
    (await t.dataSource.query(sql, params)) as { id: string; code?: string; full_name?: string }[];
  const forms = Object.fromEntries(
    (
      await q(
        "SELECT f.id, f.code FROM award_forms f JOIN authorities a ON a.id = f.authority_id WHERE a.code = 'tu-ky'",
      )
    ).map((r) => [r.code!, r.id]),
  );
  const people = Object.fromEntries(
    (await q('SELECT id, full_name FROM people')).map((r) => [r.full_name!, r.id]),
  );
  const [round] = await q(
    "SELECT r.id FROM review_rounds r JOIN movements m ON m.id = r.movement_id WHERE m.title = 'Chuyển đổi số giai đoạn 2021-2025' AND r.name = 'Năm 2026'",
  );
  const [hungDao] = await q(
    "SELECT u.id FROM units u JOIN authorities a ON a.id = u.authority_id WHERE a.code = 'tu-ky' AND u.code = 'XA-HUNGDAO'",
  );
  return { forms, people, roundId: round.id, hungDaoId: hungDao.id };
}

export async function actors(t: TestApp) {
  const names = [
    'hungdao',
    'daison',
    'noivu',
    'hoidong',
    'hoidong2',
    'hoidong3',
    'chutich',
    'phochutich',
    'admin',
  ] as const;
  const entries = await Promise.all(
    names.map(async (n) => [n, api(t, await tokenFor(t, n))] as const),
  );
  return Object.fromEntries(entries) as Record<(typeof names)[number], Api>;
}

export interface NomineeSpec {
  kind: 'individual' | 'collective' | 'household';
  personId?: string;
  collectiveUnitId?: string;
  household?: string;
  awardFormId: string;
  /** Attach an achievement report (needed for the full procedure). */
  report?: boolean;
}

/** A dossier of the unit with its nominees and documents, ready to submit. */
export async function draftDossier(
  unit: Api,
  roundId: string | undefined,
  nominees: NomineeSpec[],
  title = 'Đề nghị khen thưởng năm 2026',
) {
  const dossier = (
    await unit
      .post('/api/dossiers')
      .send({ title, commendationKind: roundId ? 'annual' : 'ad_hoc', roundId })
      .expect(201)
  ).body;
  const ids: string[] = [];
  for (const { report, ...spec } of nominees) {
    const nominee = (
      await unit
        .post(`/api/dossiers/${dossier.id}/nominees`)
        .send({
          ...spec,
          achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ chuyển đổi số của đơn vị trong năm.',
        })
        .expect(201)
    ).body;
    ids.push(nominee.id);
    if (report) {
      const fileId = await uploadPdf(unit, `Báo cáo thành tích ${nominee.displayName}.pdf`);
      await unit
        .post(`/api/dossiers/${dossier.id}/documents`)
        .send({ kind: 'achievement_report', fileId, nomineeId: nominee.id })
        .expect(201);
    }
  }
  return { id: dossier.id as string, nomineeIds: ids };
}

export async function attachLetterAndMinutes(unit: Api, dossierId: string): Promise<void> {
  await unit
    .post(`/api/dossiers/${dossierId}/documents`)
    .send({
      kind: 'proposal_letter',
      fileId: await uploadPdf(unit, 'Tờ trình đề nghị khen thưởng.pdf'),
    })
    .expect(201);
  await unit
    .post(`/api/dossiers/${dossierId}/documents`)
    .send({
      kind: 'meeting_minutes',
      fileId: await uploadPdf(unit, 'Biên bản họp xét khen thưởng.pdf'),
    })
    .expect(201);
}

/**
 * An ad hoc dossier of one person of the unit for a Giấy khen, complete and
 * submitted: what lands in Home Affairs' queue.
 */
export async function submittedDossier(
  unit: Api,
  ids: Awaited<ReturnType<typeof lookups>>,
  person: string,
  title: string,
): Promise<string> {
  const { id } = await draftDossier(
    unit,
    undefined,
    [
      {
        kind: 'individual',
        personId: ids.people[person],
        awardFormId: ids.forms['GK-CN'],
        report: true,
      },
    ],
    title,
  );
  await attachLetterAndMinutes(unit, id);
  await unit.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
  return id;
}

/**
 * A Tứ Kỳ dossier ready to submit, taken to the chairman: submitted by the
 * unit, every nominee proposed by Home Affairs (no council vote on the way).
 */
export async function sendToChairman(
  as: Awaited<ReturnType<typeof actors>>,
  id: string,
  nomineeIds: string[],
): Promise<void> {
  await as.hungdao.post(`/api/dossiers/${id}/submit`).send({}).expect(200);
  await appraiseAll(as, id, nomineeIds);
  await as.noivu.post(`/api/dossiers/${id}/send-to-chairman`).send({}).expect(200);
}

/** A submitted dossier taken and appraised by Home Affairs, every nominee proposed. */
export async function appraiseAll(
  as: Awaited<ReturnType<typeof actors>>,
  id: string,
  nomineeIds: string[],
): Promise<void> {
  await as.noivu.post(`/api/dossiers/${id}/take`).send({}).expect(200);
  await as.noivu
    .post(`/api/dossiers/${id}/appraise`)
    .send({ results: nomineeIds.map((nomineeId) => ({ nomineeId, result: 'proposed' })) })
    .expect(200);
}

/**
 * Hưng Đạo's ad hoc dossier taken to the chairman: a person's name gets a
 * Giấy khen with its report, any other nominee is as given. The dossier's id.
 */
export async function awaitingChairman(
  t: TestApp,
  as: Awaited<ReturnType<typeof actors>>,
  nominees: (string | NomineeSpec)[] = ['Nguyễn Thị Hường'],
  title = 'Đề nghị khen thưởng đột xuất',
): Promise<string> {
  const ids = await lookups(t);
  const { id, nomineeIds } = await draftDossier(
    as.hungdao,
    undefined,
    nominees.map((n) =>
      typeof n === 'string'
        ? {
            kind: 'individual' as const,
            personId: ids.people[n],
            awardFormId: ids.forms['GK-CN'],
            report: true,
          }
        : n,
    ),
    title,
  );
  await attachLetterAndMinutes(as.hungdao, id);
  await sendToChairman(as, id, nomineeIds);
  return id;
}

/**
 * An issued Tứ Kỳ decision of Hưng Đạo's ad hoc dossier taken through the
 * workflow: a person's name gets a Giấy khen with its report, any other
 * nominee is as given. Its id, number and count of awardees.
 */
export async function issueDecision(
  t: TestApp,
  as: Awaited<ReturnType<typeof actors>>,
  nominees: (string | NomineeSpec)[] = ['Nguyễn Thị Hường'],
): Promise<{ id: string; numberLabel: string; items: number }> {
  const id = await awaitingChairman(t, as, nominees);
  const draft = (
    await as.chutich
      .post('/api/decisions')
      .send({ dossierIds: [id] })
      .expect(201)
  ).body;
  const issued = (await as.chutich.post(`/api/decisions/${draft.id}/issue`).send({}).expect(200))
    .body;
  return { id: draft.id, numberLabel: issued.numberLabel, items: issued.items };
}

/**
 * What triggers keep for the queue must match a live computation: the counts
 * per unit and status, and each dossier's award forms.
 */
export async function expectDerivedDataKept(t: TestApp): Promise<void> {
  const live = await t.dataSource.query(
    'SELECT authority_id, unit_id, status, count(*)::int AS n FROM dossiers GROUP BY 1, 2, 3 ORDER BY 1, 2, 3',
  );
  const kept = await t.dataSource.query(
    'SELECT authority_id, unit_id, status, sum(n)::int AS n FROM dossier_status_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3',
  );
  expect(live.length).toBeGreaterThan(0);
  expect(kept).toEqual(live);
  const forms = await t.dataSource.query(
    `SELECT d.id, d.award_form_ids AS kept,
            ARRAY(SELECT DISTINCT n.award_form_id FROM nominees n WHERE n.dossier_id = d.id ORDER BY 1) AS live
       FROM dossiers d`,
  );
  expect(forms.some((f: { live: string[] }) => f.live.length > 0)).toBe(true);
  for (const f of forms) expect({ id: f.id, forms: f.kept }).toEqual({ id: f.id, forms: f.live });
}
