import { Role } from '../access/roles';

export enum DossierStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  UnderAppraisal = 'under_appraisal',
  SupplementRequested = 'supplement_requested',
  Appraised = 'appraised',
  CouncilVoting = 'council_voting',
  AwaitingDecision = 'awaiting_decision',
  Decided = 'decided',
  Refused = 'refused',
  Forwarded = 'forwarded',
  Withdrawn = 'withdrawn',
  /** Cancelled by its unit before it was ever sent. */
  Discarded = 'discarded',
}

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, string> = {
  [DossierStatus.Draft]: 'Đang soạn',
  [DossierStatus.Submitted]: 'Đã gửi',
  [DossierStatus.UnderAppraisal]: 'Đang thẩm định',
  [DossierStatus.SupplementRequested]: 'Yêu cầu bổ sung',
  [DossierStatus.Appraised]: 'Đã thẩm định',
  [DossierStatus.CouncilVoting]: 'Hội đồng đang bỏ phiếu',
  [DossierStatus.AwaitingDecision]: 'Chờ Chủ tịch quyết định',
  [DossierStatus.Decided]: 'Đã có quyết định khen thưởng',
  [DossierStatus.Refused]: 'Không khen thưởng',
  [DossierStatus.Forwarded]: 'Đã trình cấp trên',
  [DossierStatus.Withdrawn]: 'Đơn vị đã rút',
  [DossierStatus.Discarded]: 'Đã hủy (chưa gửi)',
};

/** Statuses in which the appraisal clock runs. */
export const CLOCK_STATUSES = [DossierStatus.Submitted, DossierStatus.UnderAppraisal];

/**
 * The same as SQL, with the values written out: a partial index on it (overdue and
 * due-soon lists) is only used when the query states its predicate literally.
 */
export function clockRunning(alias?: string): string {
  return `${alias ? `${alias}.` : ''}status IN (${CLOCK_STATUSES.map((s) => `'${s}'`).join(', ')})`;
}

export type DossierAction =
  | 'submit'
  | 'discard'
  | 'withdraw'
  | 'take'
  | 'request_supplement'
  | 'resubmit'
  | 'reject'
  | 'appraise'
  | 'send_to_council'
  | 'close_vote'
  | 'send_to_chairman'
  | 'close_forwarded'
  | 'close_refused'
  | 'refuse'
  | 'decide';

export interface Transition {
  from: readonly DossierStatus[];
  to: DossierStatus;
  /** The one role that takes this step. */
  roles: readonly Role[];
  label: string;
  /** A comment the history must carry (reasons, what is missing, the unit's answer). */
  commentRequired: boolean;
}

const S = DossierStatus;

/**
 * The approval workflow, declared once. Every status change of a dossier goes
 * through DossierWorkflowService.transition, which reads this map; the
 * conditions on the nominees of a step are declared beside it in
 * step-conditions.ts. `decide` is taken by issuing an award decision.
 */
export const WORKFLOW: Readonly<Record<DossierAction, Transition>> = {
  submit: {
    from: [S.Draft],
    to: S.Submitted,
    roles: [Role.UnitOfficer],
    label: 'Gửi hồ sơ',
    commentRequired: false,
  },
  discard: {
    from: [S.Draft],
    to: S.Discarded,
    roles: [Role.UnitOfficer],
    label: 'Hủy hồ sơ đang soạn',
    commentRequired: false,
  },
  withdraw: {
    from: [S.Submitted],
    to: S.Withdrawn,
    roles: [Role.UnitOfficer],
    label: 'Rút hồ sơ',
    commentRequired: false,
  },
  take: {
    from: [S.Submitted],
    to: S.UnderAppraisal,
    roles: [Role.HomeAffairs],
    label: 'Nhận thẩm định',
    commentRequired: false,
  },
  request_supplement: {
    from: [S.UnderAppraisal],
    to: S.SupplementRequested,
    roles: [Role.HomeAffairs],
    label: 'Yêu cầu bổ sung',
    commentRequired: true,
  },
  resubmit: {
    from: [S.SupplementRequested],
    to: S.UnderAppraisal,
    roles: [Role.UnitOfficer],
    label: 'Gửi lại sau bổ sung',
    commentRequired: true,
  },
  reject: {
    from: [S.UnderAppraisal],
    to: S.Refused,
    roles: [Role.HomeAffairs],
    label: 'Trả hồ sơ, không đề nghị',
    commentRequired: true,
  },
  appraise: {
    from: [S.UnderAppraisal],
    to: S.Appraised,
    roles: [Role.HomeAffairs],
    label: 'Hoàn thành thẩm định',
    commentRequired: false,
  },
  send_to_council: {
    from: [S.Appraised],
    to: S.CouncilVoting,
    roles: [Role.HomeAffairs],
    label: 'Trình Hội đồng bỏ phiếu',
    commentRequired: false,
  },
  close_vote: {
    from: [S.CouncilVoting],
    to: S.Appraised,
    roles: [Role.HomeAffairs],
    label: 'Kết thúc bỏ phiếu',
    commentRequired: false,
  },
  send_to_chairman: {
    from: [S.Appraised],
    to: S.AwaitingDecision,
    roles: [Role.HomeAffairs],
    label: 'Trình Chủ tịch quyết định',
    commentRequired: false,
  },
  close_forwarded: {
    from: [S.Appraised],
    to: S.Forwarded,
    roles: [Role.HomeAffairs],
    label: 'Kết thúc: đã trình cấp trên',
    commentRequired: false,
  },
  close_refused: {
    from: [S.Appraised],
    to: S.Refused,
    roles: [Role.HomeAffairs],
    label: 'Kết thúc: không đối tượng nào được khen thưởng',
    commentRequired: false,
  },
  refuse: {
    from: [S.AwaitingDecision],
    to: S.Refused,
    roles: [Role.Chairman, Role.ViceChairman],
    label: 'Không khen thưởng',
    commentRequired: true,
  },
  decide: {
    from: [S.AwaitingDecision],
    to: S.Decided,
    roles: [Role.Chairman, Role.ViceChairman],
    label: 'Ký quyết định khen thưởng',
    commentRequired: false,
  },
};

/**
 * The steps an officer may take on many dossiers at once, ticked on the
 * queue (a year-end batch shared out, or sent on): steps that ask for no
 * comment and no input of their own. Each dossier still moves by itself,
 * through the same transition, its guard and its audit record.
 */
export const QUEUE_STEPS: readonly DossierAction[] = [
  'take',
  'send_to_council',
  'send_to_chairman',
];

/**
 * A dossier in these statuses is its unit's alone: staff neither list, count
 * nor open it. It has never been sent: being written, or cancelled unsent.
 */
export const UNIT_ONLY_STATUSES: readonly DossierStatus[] = [S.Draft, S.Discarded];

export const TERMINAL_STATUSES: readonly DossierStatus[] = [
  S.Decided,
  S.Refused,
  S.Forwarded,
  S.Withdrawn,
  S.Discarded,
];

/**
 * Checks the map at start-up: every status is reachable from draft, terminal
 * statuses have no way out, others have one, and each step names its roles.
 * Throws with every problem found.
 */
export function validateWorkflow(workflow: Readonly<Record<string, Transition>> = WORKFLOW): void {
  const problems: string[] = [];
  const statuses = Object.values(DossierStatus);
  for (const [action, t] of Object.entries(workflow)) {
    if (t.from.length === 0) problems.push(`${action}: no source status`);
    if (t.roles.length === 0) problems.push(`${action}: no role may take it`);
    if (t.from.includes(t.to)) problems.push(`${action}: loops on ${t.to}`);
    for (const from of t.from)
      if (TERMINAL_STATUSES.includes(from)) problems.push(`${action}: leaves terminal ${from}`);
  }
  for (const action of QUEUE_STEPS)
    if (workflow[action]?.commentRequired !== false)
      problems.push(`${action}: taken from the queue, it must need no comment`);
  const reachable = new Set<DossierStatus>([S.Draft]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of Object.values(workflow)) {
      if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) {
        reachable.add(t.to);
        grew = true;
      }
    }
  }
  for (const status of statuses) {
    if (!reachable.has(status)) problems.push(`${status}: unreachable from draft`);
    const leaves = Object.values(workflow).some((t) => t.from.includes(status));
    if (!TERMINAL_STATUSES.includes(status) && !leaves) problems.push(`${status}: dead end`);
  }
  if (problems.length) throw new Error(`Invalid dossier workflow: ${problems.join('; ')}`);
}

/** The actions a role may take from a status (data guards are checked when taken). */
export function actionsFor(status: DossierStatus, role: Role): DossierAction[] {
  return (Object.keys(WORKFLOW) as DossierAction[]).filter(
    (a) => WORKFLOW[a].from.includes(status) && WORKFLOW[a].roles.includes(role),
  );
}
