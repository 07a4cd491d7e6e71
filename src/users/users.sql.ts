import { Role } from '../access/roles';
import { sql, Sql } from '../common/sql';

/** Who to tell: users by id, by role in an authority, or the unit officers of a unit. */
export interface Audience {
  userIds?: (string | null | undefined)[];
  roles?: Role[];
  unitId?: string;
  authorityId: string;
  /** Who caused it: not told of their own action. */
  exceptUserId?: string;
}

/**
 * The users module's hand-written SQL on its own table: the active users of an
 * audience, as a SELECT of their ids that another statement can embed (the
 * notifications written in the workflow's one-statement move).
 */
export function recipientsSql(audience: Audience): Sql {
  return sql`SELECT u.id FROM users u
    WHERE u.authority_id = ${audience.authorityId} AND u.active
      AND u.id IS DISTINCT FROM ${audience.exceptUserId ?? null}::uuid
      AND (u.id = ANY(${audience.userIds?.filter((x): x is string => !!x) ?? []}::uuid[])
           OR u.role = ANY(${audience.roles ?? []}::user_role[])
           OR (u.role = 'unit_officer' AND u.unit_id = ${audience.unitId ?? null}::uuid))`;
}
