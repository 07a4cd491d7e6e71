import { Role } from '../access/roles';
import { AwardForm, DecidedBy } from '../awards/award-form.entity';
import { AppraisalResult, NomineeOutcome, VoteOutcome } from './dossier.entity';
import { actionsFor, DossierAction, DossierStatus } from './workflow';

/** What the step conditions read of a nominee. */
export interface NomineeState {
  displayName: string;
  appraisal: AppraisalResult | null;
  outcome: NomineeOutcome;
  voteOutcome: VoteOutcome | null;
  awardForm?: Pick<AwardForm, 'voteRequired' | 'decidedBy'> | null;
}

const proposedAndOpen = (n: NomineeState) =>
  n.appraisal === AppraisalResult.Proposed && n.outcome === NomineeOutcome.Pending;
const voteCleared = (n: NomineeState) =>
  !n.awardForm?.voteRequired || n.voteOutcome === VoteOutcome.Passed;

/** Proposed, and its form needs a council vote that has not taken place. */
export function needsVote(n: NomineeState): boolean {
  return proposedAndOpen(n) && !!n.awardForm?.voteRequired && n.voteOutcome === null;
}

/** Proposed, decided by this authority, through the council where its form needs it. */
export function decidableHere(n: NomineeState): boolean {
  return proposedAndOpen(n) && n.awardForm?.decidedBy === DecidedBy.ThisAuthority && voteCleared(n);
}

/** Proposed for a higher level's award, through the council where needed, not yet forwarded. */
export function toForward(n: NomineeState): boolean {
  return proposedAndOpen(n) && n.awardForm?.decidedBy === DecidedBy.HigherLevel && voteCleared(n);
}

const names = (list: NomineeState[]) => list.map((n) => n.displayName).join(', ');

/** Each check returns why the step cannot be taken with these nominees, or null when it can. */
type Condition = (nominees: NomineeState[]) => string | null;

const allSettled: Condition = (all) => {
  const open = all.filter((n) => n.outcome === NomineeOutcome.Pending);
  return open.length ? `Còn đối tượng chưa xử lý: ${names(open)}.` : null;
};

/**
 * The conditions on the nominees of the steps that have one, beside the map in
 * workflow.ts. A step is offered only when its condition holds, and taking it
 * checks the same condition, so whatever is offered can succeed, and every
 * nominee combination leaves a way to a final status (workflow-paths.spec.ts).
 */
export const STEP_CONDITIONS: Partial<Record<DossierAction, Condition>> = {
  send_to_council: (all) =>
    all.some(needsVote) ? null : 'Không có đối tượng nào cần Hội đồng bỏ phiếu.',
  send_to_chairman: (all) => {
    const voting = all.filter(needsVote);
    if (voting.length)
      return `Còn đối tượng cần Hội đồng bỏ phiếu trước khi trình Chủ tịch: ${names(voting)}.`;
    const up = all.filter(toForward);
    if (up.length) return `Còn đối tượng phải trình cấp trên trước: ${names(up)}.`;
    return all.some(decidableHere) ? null : 'Không có đối tượng nào để Chủ tịch quyết định.';
  },
  close_forwarded: (all) =>
    allSettled(all) ??
    (all.some((n) => n.outcome === NomineeOutcome.Forwarded)
      ? null
      : 'Không có đối tượng nào đã trình cấp trên.'),
  close_refused: (all) =>
    allSettled(all) ??
    (all.some((n) => n.outcome === NomineeOutcome.Forwarded)
      ? 'Có đối tượng đã trình cấp trên: kết thúc hồ sơ bằng "Kết thúc: đã trình cấp trên".'
      : null),
  // Refusing ends a dossier none of whose nominees was awarded (the last ones may
  // have been refused one by one); deciding ends one a decision awarded.
  refuse: (all) =>
    all.some((n) => n.outcome === NomineeOutcome.AwaitingDecision) ||
    !all.some((n) => n.outcome === NomineeOutcome.Decided)
      ? null
      : 'Không có đối tượng nào chờ quyết định.',
  decide: (all) => {
    const waiting = all.filter((n) => n.outcome === NomineeOutcome.AwaitingDecision);
    if (waiting.length) return `Còn đối tượng chờ quyết định: ${names(waiting)}.`;
    return all.some((n) => n.outcome === NomineeOutcome.Decided)
      ? null
      : 'Chưa có đối tượng nào được quyết định khen thưởng.';
  },
};

/** Why `action` cannot be taken with these nominees, or null. */
export function blockedBecause(action: DossierAction, nominees: NomineeState[]): string | null {
  return STEP_CONDITIONS[action]?.(nominees) ?? null;
}

/** Whether a status offers a step whose condition reads the nominees. */
export function hasConditionalSteps(status: DossierStatus, role: Role): boolean {
  return actionsFor(status, role).some((a) => STEP_CONDITIONS[a]);
}

/**
 * What a user in `role` may do next, as offered on the dossier: the map's steps
 * whose condition holds for these nominees; `decide` is left out, as it is taken
 * by issuing an award decision.
 */
export function offeredActions(
  status: DossierStatus,
  role: Role,
  nominees: NomineeState[],
): DossierAction[] {
  return actionsFor(status, role).filter(
    (a) => a !== 'decide' && blockedBecause(a, nominees) === null,
  );
}
