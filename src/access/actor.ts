import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from './roles';

/** Who is acting, as established by the AuthGuard from the session. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  authorityId: string;
  /** Set for unit officers only. */
  unitId: string | null;
  sessionId: string;
  mustChangePassword: boolean;
  requestId: string | null;
}

export type RequestWithActor = { actor?: Actor; id?: unknown };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without an authenticated actor');
  return actor;
});

/**
 * The authority every query of this actor is confined to. A missing scope is
 * a programming error, never "all rows".
 */
export function authorityScope(actor: Actor): string {
  if (!actor?.authorityId) throw new Error('Missing authority scope');
  return actor.authorityId;
}

/**
 * The unit a unit officer is confined to, or null for authority staff (who
 * see the whole authority). A unit officer without a unit is an error.
 */
export function unitScope(actor: Actor): string | null {
  if (actor.role !== Role.UnitOfficer) return null;
  if (!actor.unitId) throw new Error('Unit officer without a unit scope');
  return actor.unitId;
}
