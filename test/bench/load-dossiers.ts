import { DataSource } from 'typeorm';

export const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);

/** Realistic mix: most work sits with Home Affairs; a tail of finished dossiers. */
const STATUS_MIX = `CASE
  WHEN r < 0.08 THEN 'draft' WHEN r < 0.30 THEN 'submitted' WHEN r < 0.52 THEN 'under_appraisal'
  WHEN r < 0.57 THEN 'supplement_requested' WHEN r < 0.65 THEN 'appraised' WHEN r < 0.68 THEN 'council_voting'
  WHEN r < 0.76 THEN 'awaiting_decision' WHEN r < 0.90 THEN 'decided' WHEN r < 0.96 THEN 'refused' WHEN r < 0.98 THEN 'withdrawn' ELSE 'discarded' END`;

/** Inserts DOSSIERS dossiers (2 nominees each) of the authority, in the mix a live office has. */
export async function loadDossiers(
  ds: DataSource,
  authorityId: string,
  count = DOSSIERS,
): Promise<void> {
  await ds.query(
    `INSERT INTO dossiers (id, authority_id, unit_id, movement_id, round_id, commendation_kind, title, status,
                           submitted_at, clock_started_on, appraisal_due_on, created_at, updated_at)
     SELECT gen_random_uuid(), $1, u.id, r.movement_id, r.id, 'annual', 'Hồ sơ đề nghị khen thưởng số ' || g,
            (${STATUS_MIX})::dossier_status,
            now() - (g % 90) * interval '1 day', current_date - (g % 30), current_date - 10 + (g % 25),
            now() - (g % 90) * interval '1 day', now() - (g % 60) * interval '1 hour'
       FROM generate_series(1, $2) g
       CROSS JOIN LATERAL (SELECT random() + g * 0 AS r) x
       JOIN LATERAL (SELECT id FROM units WHERE authority_id = $1 ORDER BY id OFFSET (g % (SELECT count(*) FROM units WHERE authority_id = $1)) LIMIT 1) u ON true
       JOIN LATERAL (SELECT r.id, r.movement_id FROM review_rounds r JOIN movements m ON m.id = r.movement_id
                      WHERE m.authority_id = $1 ORDER BY r.period_start OFFSET (g % 8) LIMIT 1) r ON true`,
    [authorityId, count],
  );
  await ds.query(
    `INSERT INTO nominees (dossier_id, round_id, kind, person_id, display_name, award_form_id, achievement_summary)
     SELECT d.id, d.round_id, 'individual', NULL, 'Cá nhân ' || k, f.id, 'Hoàn thành xuất sắc nhiệm vụ'
       FROM dossiers d
       CROSS JOIN generate_series(1, 2) k
       JOIN LATERAL (SELECT id FROM award_forms WHERE authority_id = d.authority_id AND 'individual' = ANY (SELECT jsonb_array_elements_text(recipient_kinds))
                      ORDER BY code OFFSET ((abs(hashtext(d.id::text)) + k) % 4) LIMIT 1) f ON true
      WHERE d.authority_id = $1`,
    [authorityId],
  );
  // The steady state of a live database, where autovacuum keeps the visibility map.
  await ds.query('VACUUM ANALYZE');
}
