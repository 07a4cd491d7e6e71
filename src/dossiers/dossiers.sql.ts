import { EntityManager } from 'typeorm';
import { assignmentsSql, insertRowSql, join, queryPrepared, raw, sql, Sql } from '../common/sql';
import { Dossier, DossierEvent } from './dossier.entity';
import { DossierStatus } from './workflow';

/** Holds inside the move statement once the dossier has moved: the other writes are conditional on it. */
export const MOVED: Sql = sql`EXISTS (SELECT 1 FROM moved)`;

export interface MoveRow {
  status: DossierStatus;
  version: number;
  moved_version: number | null;
  updated_at: Date | null;
}

/**
 * The dossiers module's hand-written SQL: a workflow step in one prepared
 * statement. `current` locks the row and, like any locking read, sees its
 * latest committed version, so a request that lost a race learns the state
 * that won without another query; `moved` is the update on the expected
 * status and version; the history row is this module's; `also` are the
 * other modules' rows (audit, notifications), each built by its own module
 * and written only when the dossier moved.
 */
export async function moveDossier(
  manager: EntityManager,
  dossier: Pick<Dossier, 'id' | 'status' | 'version'>,
  changes: Partial<Dossier> & { status: DossierStatus },
  event: Partial<DossierEvent>,
  also: Sql[],
): Promise<MoveRow | undefined> {
  const update = join(
    [
      ...assignmentsSql(manager, Dossier, changes),
      sql`"version" = d."version" + 1`,
      sql`"updated_at" = now()`,
    ],
    ', ',
  );
  const statement = sql`WITH current AS (
      SELECT "status", "version" FROM "dossiers" WHERE "id" = ${dossier.id} FOR NO KEY UPDATE
    ), moved AS (
      UPDATE "dossiers" d SET ${update}
        FROM current c
       WHERE d."id" = ${dossier.id} AND c."status" = ${dossier.status}
         AND c."version" = ${dossier.version}
      RETURNING d."version", d."updated_at"
    ), event AS (${insertRowSql(manager, DossierEvent, event, MOVED)})${join(
      also.map((write, i) => sql`, ${raw(`also_${i}`)} AS (${write})`),
      '',
    )}
    SELECT c."status", c."version", m."version" AS "moved_version", m."updated_at"
      FROM current c LEFT JOIN moved m ON true`;
  const [row] = await queryPrepared<MoveRow>(manager, statement.text, statement.values);
  return row;
}
