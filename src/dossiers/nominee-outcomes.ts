import { Role } from '../access/roles';
import { NomineeOutcome } from './dossier.entity';

const O = NomineeOutcome;

export type NomineeMove =
  | 'not_proposed'
  | 'reject'
  | 'vote_failed'
  | 'await_decision'
  | 'forward'
  | 'refuse'
  | 'decide'
  | 'higher_award'
  | 'higher_refusal';

/**
 * A nominee's outcome, declared like the dossier's workflow: each move, the
 * outcomes it leaves from and the one it makes. DossiersService.moveNominees
 * is the only code that writes an outcome, conditional on these sources.
 */
export interface NomineeMoveRule {
  from: readonly NomineeOutcome[];
  to: NomineeOutcome;
  label: string;
  /** A move a user takes on its own route (the others follow the dossier's steps). */
  roles?: readonly Role[];
}

export const NOMINEE_MOVES: Readonly<Record<NomineeMove, NomineeMoveRule>> = {
  not_proposed: { from: [O.Pending], to: O.Refused, label: 'Không đề nghị sau thẩm định' },
  reject: { from: [O.Pending], to: O.Refused, label: 'Hồ sơ bị trả' },
  vote_failed: { from: [O.Pending], to: O.Refused, label: 'Không đạt biểu quyết Hội đồng' },
  await_decision: { from: [O.Pending], to: O.AwaitingDecision, label: 'Trình Chủ tịch' },
  forward: {
    from: [O.Pending],
    to: O.Forwarded,
    label: 'Trình cấp trên',
    roles: [Role.HomeAffairs],
  },
  refuse: {
    from: [O.AwaitingDecision],
    to: O.Refused,
    label: 'Chủ tịch không khen thưởng',
    roles: [Role.Chairman, Role.ViceChairman],
  },
  decide: { from: [O.AwaitingDecision], to: O.Decided, label: 'Có quyết định khen thưởng' },
  higher_award: {
    from: [O.Forwarded],
    to: O.HigherAwarded,
    label: 'Cấp trên khen thưởng',
    roles: [Role.HomeAffairs],
  },
  higher_refusal: {
    from: [O.Forwarded],
    to: O.HigherRefused,
    label: 'Cấp trên không khen thưởng',
    roles: [Role.HomeAffairs],
  },
};

export const FINAL_NOMINEE_OUTCOMES: readonly NomineeOutcome[] = [
  O.Refused,
  O.Decided,
  O.HigherAwarded,
  O.HigherRefused,
];

/**
 * Checks the map at start-up: every outcome is reachable from pending, final
 * outcomes have no way out, the others have one. Throws with every problem.
 */
export function validateNomineeMoves(
  moves: Readonly<
    Record<string, { from: readonly NomineeOutcome[]; to: NomineeOutcome }>
  > = NOMINEE_MOVES,
): void {
  const problems: string[] = [];
  const reachable = new Set<NomineeOutcome>([O.Pending]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of Object.values(moves))
      if (m.from.some((f) => reachable.has(f)) && !reachable.has(m.to)) {
        reachable.add(m.to);
        grew = true;
      }
  }
  for (const outcome of Object.values(O)) {
    if (!reachable.has(outcome)) problems.push(`${outcome}: unreachable from pending`);
    const leaves = Object.values(moves).some((m) => m.from.includes(outcome));
    if (FINAL_NOMINEE_OUTCOMES.includes(outcome) && leaves)
      problems.push(`${outcome}: final but left`);
    if (!FINAL_NOMINEE_OUTCOMES.includes(outcome) && !leaves) problems.push(`${outcome}: dead end`);
  }
  if (problems.length) throw new Error(`Invalid nominee outcomes: ${problems.join('; ')}`);
}
