import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Db } from '../database/transactions';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../access/actor';
import { Role } from '../access/roles';
import { AuthoritiesService } from '../authorities/authorities.service';
import { CalendarService } from '../calendar/calendar.service';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { Audience, NotificationsService } from '../notifications/notifications.service';
import { AppraisalResult, Dossier, Nominee, NomineeOutcome, VoteOutcome } from './dossier.entity';
import { CouncilPort } from './council-port';
import { DossiersService } from './dossiers.service';
import { moveDossier, MOVED } from './dossiers.sql';
import { validateNomineeMoves } from './nominee-outcomes';
import { blockedBecause, decidableHere, STEP_CONDITIONS } from './step-conditions';
import {
  CLOCK_STATUSES,
  clockRunning,
  DOSSIER_STATUS_LABELS,
  DossierAction,
  DossierStatus,
  validateWorkflow,
  WORKFLOW,
} from './workflow';

export interface TransitionInput {
  comment?: string;
  version?: number;
  /** request_supplement: what is missing. */
  items?: string[];
  /** appraise: a result per nominee. */
  results?: { nomineeId: string; result: AppraisalResult; reason?: string }[];
}

type Effects = Partial<
  Pick<
    Dossier,
    | 'assignedTo'
    | 'submittedAt'
    | 'clockStartedOn'
    | 'workingDaysUsed'
    | 'appraisalDueOn'
    | 'supplementItems'
    | 'dueSoonNotifiedAt'
  >
>;

interface GuardContext {
  actor: Actor;
  dossier: Dossier;
  input: TransitionInput;
  /** Read only for the steps that look at them. */
  nominees: Nominee[];
  today: string;
}

interface Guarded {
  effects: Effects;
  /** Writes besides the dossier row, made in the transition's transaction after the status moved. */
  writes?: () => Promise<unknown>;
}

/** A dossier a step on many was refused for: its title when the actor may still see it, and why. */
export interface RefusedStep {
  id: string;
  title: string | null;
  message: string;
}

@Injectable()
export class DossierWorkflowService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DossierWorkflow');
  private timer?: NodeJS.Timeout;
  private councilPort?: CouncilPort;

  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersService,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly authorities: AuthoritiesService,
  ) {}

  onModuleInit(): void {
    validateWorkflow();
    validateNomineeMoves();
    if (!this.config.isTest) {
      this.timer = setInterval(
        () => void this.notifyDueSoon().catch((e) => this.logger.error(e)),
        3600_000,
      );
      this.timer.unref();
    }
  }

  /** The council module registers itself here (see CouncilPort). */
  useCouncil(port: CouncilPort): void {
    this.councilPort = port;
  }

  private get council(): CouncilPort {
    if (!this.councilPort) throw new Error('The council module is not part of this application');
    return this.councilPort;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** 409 with the dossier's current state and what the actor may do from it. */
  private async conflict(
    dossier: Dossier,
    actor: Actor,
    message: string,
    details: FieldDetail[] = [],
  ): Promise<AppError> {
    return AppError.conflict(message, details, {
      status: dossier.status,
      statusLabel: DOSSIER_STATUS_LABELS[dossier.status],
      version: dossier.version,
      allowedActions: await this.dossiers.offered(actor, dossier),
    });
  }

  /**
   * One step on many dossiers (a page of the queue taken at once), each its
   * own transition, audited and decided by the database like any other: the
   * ones refused (taken by a colleague meanwhile, no longer there) are told
   * apart with why, and the others are done.
   */
  async transitionEach(
    actor: Actor,
    dossierIds: string[],
    action: DossierAction,
  ): Promise<{ done: string[]; refused: RefusedStep[] }> {
    const done: string[] = [];
    const refused: RefusedStep[] = [];
    for (const id of new Set(dossierIds)) {
      try {
        await this.transition(actor, id, action);
        done.push(id);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const title = await this.dossiers.require(actor, id).then(
          (d) => d.title,
          () => null,
        );
        refused.push({ id, title, message: error.message });
      }
    }
    return { done, refused };
  }

  /**
   * The only way a dossier's status changes. Reads the dossier, checks the
   * declared transition and its guard, then writes in one statement: the
   * update on the expected status and version (a concurrent or stale request
   * gets 409 with the current state), the history row, the audit record and
   * the notifications. A step whose guard also writes other records (results
   * per nominee, the council's session) runs them in the same transaction.
   * Any change to a dossier's contents bumps its version, so what the guard
   * read is still true when the conditional update matches.
   */
  async transition(
    actor: Actor,
    dossierId: string,
    action: DossierAction,
    input: TransitionInput = {},
  ) {
    const step = WORKFLOW[action];
    const dossier = await this.dossiers.require(actor, dossierId);
    if (!step.roles.includes(actor.role)) throw AppError.forbidden();
    if (!step.from.includes(dossier.status)) {
      throw await this.conflict(
        dossier,
        actor,
        `Không thể "${step.label}": hồ sơ đang ở trạng thái "${DOSSIER_STATUS_LABELS[dossier.status]}".`,
      );
    }
    if (input.version !== undefined && input.version !== dossier.version) {
      throw await this.conflict(
        dossier,
        actor,
        'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại.',
        [{ field: 'version', code: 'stale', message: 'Phiên bản đã cũ.' }],
      );
    }
    const comment = input.comment?.trim() ?? '';
    if (step.commentRequired && comment.length < 3) {
      throw AppError.invalidField(
        'comment',
        `Bước "${step.label}" cần ghi ý kiến hoặc lý do.`,
        'required',
      );
    }
    const { effects, writes } = await this.guard(actor, dossier, action, input);
    const apply = async () => {
      const next = await this.move(actor, dossier, action, effects, comment, input);
      await writes?.();
      return next;
    };
    // A step that also writes other rows runs them in one transaction with the move (or in the
    // one already open: an award decision moves its dossiers inside its own issuing transaction).
    const next = writes ? await this.db.withTransaction(apply) : await apply();
    // The new state; GET /api/dossiers/:id gives the full detail.
    return {
      ...next,
      statusLabel: DOSSIER_STATUS_LABELS[next.status],
      allowedActions: await this.dossiers.offered(actor, next),
    };
  }

  /** The status change, history row, audit record and notifications: one statement. */
  private async move(
    actor: Actor,
    dossier: Dossier,
    action: DossierAction,
    effects: Effects,
    comment: string,
    input: TransitionInput,
  ): Promise<Dossier> {
    const step = WORKFLOW[action];
    const note =
      action === 'request_supplement'
        ? [comment, ...(input.items ?? []).map((i) => `- ${i}`)].join('\n')
        : comment;
    const next: Dossier = { ...dossier, ...effects, status: step.to };
    const notice = this.notice(next, step.label, comment);
    const row = await moveDossier(
      this.db.tx,
      dossier,
      { ...effects, status: step.to },
      {
        dossierId: dossier.id,
        actorId: actor.userId,
        actorName: actor.username,
        role: actor.role,
        action,
        fromStatus: dossier.status,
        toStatus: step.to,
        comment: note,
      },
      [
        this.audit.recordStatement(
          MOVED,
          actor,
          `dossier.${action}`,
          { type: 'dossier', id: dossier.id },
          { status: { from: dossier.status, to: step.to } },
        ),
        this.notifications.notifyStatement(
          { ...notice.audience, exceptUserId: actor.userId },
          notice.message,
          dossier.id,
          MOVED,
        ),
      ],
    );
    if (!row?.moved_version) {
      const now = { ...dossier, status: row?.status ?? dossier.status, version: row?.version ?? 0 };
      throw await this.conflict(now, actor, 'Hồ sơ vừa được người khác xử lý. Vui lòng tải lại.');
    }
    return { ...next, version: row.moved_version, updatedAt: row.updated_at! };
  }

  /**
   * Runs a step's guard: its condition on the nominees (step-conditions.ts),
   * then its own checks from GUARDS below.
   */
  private async guard(
    actor: Actor,
    dossier: Dossier,
    action: DossierAction,
    input: TransitionInput,
  ): Promise<Guarded> {
    const needsNominees = STEP_CONDITIONS[action] || action === 'appraise';
    const nominees = needsNominees
      ? await this.db.tx.find(Nominee, {
          where: { dossierId: dossier.id },
          relations: { awardForm: true },
        })
      : [];
    const blocked = blockedBecause(action, nominees);
    if (blocked) throw await this.conflict(dossier, actor, blocked);
    return this.guards[action]({ actor, dossier, input, nominees, today: this.clock.today() });
  }

  private readonly holidays = (dossier: Dossier) => this.calendar.holidays(dossier.authorityId);

  /** The appraisal clock, from today, with what the dossier has already used. */
  private async startClock(dossier: Dossier, today: string, used: number): Promise<Effects> {
    const authority = await this.authorities.byId(dossier.authorityId);
    return {
      clockStartedOn: today,
      dueSoonNotifiedAt: null,
      appraisalDueOn: addWorkingDays(
        today,
        Math.max(0, authority.appraisalWorkingDays - used),
        await this.holidays(dossier),
      ),
    };
  }

  private async requireComplete(dossier: Dossier): Promise<void> {
    const missing = await this.dossiers.missingForSubmit(dossier.id);
    if (missing.length)
      throw new AppError(
        400,
        'DOSSIER_INCOMPLETE',
        `Hồ sơ chưa đủ: ${missing.map((m) => m.message).join(' ')}`,
        missing,
      );
  }

  /**
   * Each step's own checks on its input and data, the columns it sets besides
   * the status, and the other records it writes once the status has moved, in
   * one table keyed by the step (the map is workflow.ts, the conditions on the
   * nominees step-conditions.ts, the nominees' outcomes nominee-outcomes.ts).
   */
  private readonly guards: Record<DossierAction, (c: GuardContext) => Promise<Guarded>> = {
    submit: async ({ dossier, today }) => {
      await this.requireComplete(dossier);
      return {
        effects: {
          submittedAt: this.clock.now(),
          workingDaysUsed: 0,
          ...(await this.startClock(dossier, today, 0)),
        },
      };
    },
    resubmit: async ({ dossier, today }) => {
      await this.requireComplete(dossier);
      return {
        effects: {
          supplementItems: [],
          ...(await this.startClock(dossier, today, dossier.workingDaysUsed)),
        },
      };
    },
    discard: async () => ({ effects: {} }),
    withdraw: async () => ({ effects: { clockStartedOn: null, appraisalDueOn: null } }),
    take: async ({ actor }) => ({ effects: { assignedTo: actor.userId } }),
    request_supplement: async ({ dossier, input, today }) => {
      if (!input.items?.length)
        throw AppError.invalidField(
          'items',
          'Cần liệt kê nội dung đơn vị phải bổ sung.',
          'required',
        );
      const used = dossier.clockStartedOn
        ? workingDaysBetween(dossier.clockStartedOn, today, await this.holidays(dossier))
        : 0;
      return {
        effects: {
          clockStartedOn: null,
          appraisalDueOn: null,
          workingDaysUsed: dossier.workingDaysUsed + used,
          supplementItems: input.items,
        },
      };
    },
    reject: async ({ dossier }) => ({
      effects: { clockStartedOn: null },
      writes: () => this.dossiers.moveNominees('reject', { dossierId: dossier.id }),
    }),
    appraise: async ({ input, nominees }) => {
      const results = input.results ?? [];
      const details: FieldDetail[] = [];
      const byId = new Map(results.map((r) => [r.nomineeId, r]));
      results.forEach((r, i) => {
        if (!nominees.some((n) => n.id === r.nomineeId))
          details.push({
            field: `results.${i}.nomineeId`,
            code: 'unknownNominee',
            message: 'Đối tượng không thuộc hồ sơ.',
          });
        if (r.result === AppraisalResult.NotProposed && !r.reason?.trim())
          details.push({
            field: `results.${i}.reason`,
            code: 'required',
            message: 'Cần nêu lý do không đề nghị.',
          });
      });
      if (byId.size !== results.length)
        details.push({
          field: 'results',
          code: 'duplicate',
          message: 'Một đối tượng có hai kết quả.',
        });
      const missing = nominees.filter((n) => !byId.has(n.id)).map((n) => n.displayName);
      if (missing.length)
        details.push({
          field: 'results',
          code: 'missing',
          message: `Chưa có kết quả thẩm định của: ${missing.join(', ')}.`,
        });
      if (details.length)
        throw AppError.badRequest(
          details.length === 1 ? details[0].message : 'Kết quả thẩm định chưa hợp lệ.',
          details,
        );
      return {
        effects: { clockStartedOn: null },
        writes: async () => {
          for (const n of nominees) {
            const r = byId.get(n.id)!;
            await this.db.tx.update(
              Nominee,
              { id: n.id },
              { appraisal: r.result, appraisalReason: r.reason?.trim() || null },
            );
          }
          const notProposed = results
            .filter((r) => r.result === AppraisalResult.NotProposed)
            .map((r) => r.nomineeId);
          await this.dossiers.moveNominees(
            'not_proposed',
            { ids: notProposed },
            {},
            notProposed.length,
          );
        },
      };
    },
    send_to_council: async ({ dossier }) => ({
      effects: {},
      writes: () => this.council.open(dossier),
    }),
    close_vote: async ({ actor, dossier }) => ({
      effects: {},
      writes: async () => {
        // The council tallies; the nominees' vote outcomes are written here, in their module.
        const { lines } = await this.council.close(actor, dossier);
        const passed = lines.filter((l) => l.passed).map((l) => l.nomineeId);
        const failed = lines.filter((l) => !l.passed).map((l) => l.nomineeId);
        if (passed.length)
          await this.db.tx.update(Nominee, { id: In(passed) }, { voteOutcome: VoteOutcome.Passed });
        await this.dossiers.moveNominees(
          'vote_failed',
          { ids: failed },
          { voteOutcome: VoteOutcome.Failed },
          failed.length,
        );
      },
    }),
    send_to_chairman: async ({ nominees }) => {
      const ready = nominees.filter(decidableHere).map((n) => n.id);
      return {
        effects: {},
        writes: () =>
          this.dossiers.moveNominees('await_decision', { ids: ready }, {}, ready.length),
      };
    },
    refuse: async ({ dossier }) => ({
      effects: {},
      writes: () => this.dossiers.moveNominees('refuse', { dossierId: dossier.id }),
    }),
    close_forwarded: async () => ({ effects: {} }),
    close_refused: async () => ({ effects: {} }),
    decide: async () => ({ effects: {} }),
  };

  /**
   * For an award decision being issued: locks the dossiers of these nominees
   * (see DossiersService.lockMany) and checks that every nominee still awaits
   * a decision. Returns the dossiers, in the order to move them in.
   */
  async claimForDecision(nomineeIds: string[]): Promise<Dossier[]> {
    const manager = this.db.tx;
    const nominees = await manager.find(Nominee, { where: { id: In(nomineeIds) } });
    const dossiers = await this.dossiers.lockMany(nominees.map((n) => n.dossierId));
    const locked = await manager.find(Nominee, {
      where: { id: In(nomineeIds) },
      lock: { mode: 'pessimistic_write' },
    });
    const stale = locked.filter((n) => n.outcome !== NomineeOutcome.AwaitingDecision);
    if (stale.length || locked.length !== nomineeIds.length)
      throw AppError.conflict(
        `Có đối tượng không còn chờ quyết định: ${stale.map((n) => n.displayName).join(', ')}.`,
      );
    return dossiers;
  }

  /** The nominees of an issued decision are decided; a dossier none of whose nominees waits any more is too. */
  async settleDecided(
    actor: Actor,
    dossiers: Dossier[],
    nomineeIds: string[],
    comment: string,
  ): Promise<void> {
    const manager = this.db.tx;
    await this.dossiers.moveNominees('decide', { ids: nomineeIds }, {}, nomineeIds.length);
    for (const dossier of dossiers) {
      const waiting = await manager.countBy(Nominee, {
        dossierId: dossier.id,
        outcome: NomineeOutcome.AwaitingDecision,
      });
      if (!waiting) await this.transition(actor, dossier.id, 'decide', { comment });
    }
  }

  /**
   * The chairman refuses one nominee awaiting a decision, with the reason.
   * When it was the last one to decide, the dossier closes with it: decided
   * if a decision awarded any of its nominees, refused otherwise.
   */
  refuseNominee(actor: Actor, dossierId: string, nomineeId: string, reason: string) {
    return this.db.withTransaction(async () => {
      await this.dossiers.refuseNominee(actor, dossierId, nomineeId, reason);
      const outcomes = (await this.db.tx.findBy(Nominee, { dossierId })).map((n) => n.outcome);
      if (!outcomes.includes(NomineeOutcome.AwaitingDecision)) {
        const last = outcomes.includes(NomineeOutcome.Decided) ? 'decide' : 'refuse';
        await this.transition(actor, dossierId, last, { comment: reason.trim() });
      }
      return this.dossiers.detail(actor, dossierId);
    });
  }

  /** In-app notice of a step: the unit always; Home Affairs, the council or the chairman as the step needs. */
  private notice(
    dossier: Dossier,
    label: string,
    comment: string,
  ): { audience: Audience; message: string } {
    const audience: Audience = {
      authorityId: dossier.authorityId,
      unitId: dossier.unitId,
      userIds: [dossier.assignedTo],
    };
    // Home Affairs: a dossier arrives, leaves their queue before it is taken, or waits unassigned.
    if (
      dossier.status === DossierStatus.Submitted ||
      dossier.status === DossierStatus.Withdrawn ||
      (dossier.status === DossierStatus.UnderAppraisal && !dossier.assignedTo)
    )
      audience.roles = [Role.HomeAffairs];
    if (dossier.status === DossierStatus.CouncilVoting) audience.roles = [Role.CouncilMember];
    if (dossier.status === DossierStatus.AwaitingDecision)
      audience.roles = [Role.Chairman, Role.ViceChairman];
    const due =
      dossier.appraisalDueOn && CLOCK_STATUSES.includes(dossier.status)
        ? ` Hạn thẩm định: ${formatVietnameseDate(dossier.appraisalDueOn)}.`
        : '';
    const why = comment ? ` Ý kiến: ${comment}` : '';
    return {
      audience,
      // "Yêu cầu bổ sung → Yêu cầu bổ sung" says nothing: the status only when it adds to the step.
      message: `Hồ sơ "${dossier.title}": ${label}${label === DOSSIER_STATUS_LABELS[dossier.status] ? '' : ` → ${DOSSIER_STATUS_LABELS[dossier.status]}`}.${due}${why}`,
    };
  }

  /**
   * Warns, once per dossier, when its appraisal deadline is near or passed.
   * Runs hourly; returns how many dossiers were warned.
   */
  async notifyDueSoon(): Promise<number> {
    const today = this.clock.today();
    const authorities = await this.authorities.all();
    let warned = 0;
    for (const authority of authorities) {
      const soon = addWorkingDays(
        today,
        authority.dueSoonWorkingDays,
        await this.calendar.holidays(authority.id),
      );
      await this.db.withTransaction(async () => {
        const manager = this.db.tx;
        const due = await manager
          .getRepository(Dossier)
          .createQueryBuilder('d')
          .where(
            `d.authority_id = :a AND ${clockRunning('d')} AND d.appraisal_due_on <= :soon AND d.due_soon_notified_at IS NULL`,
            { a: authority.id, soon },
          )
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const d of due) {
          const late = d.appraisalDueOn! < today;
          await this.notifications.notify(
            {
              authorityId: authority.id,
              unitId: d.unitId,
              userIds: [d.assignedTo],
              roles: d.assignedTo ? [] : [Role.HomeAffairs],
            },
            `Hồ sơ "${d.title}" ${late ? 'đã quá' : 'sắp đến'} hạn thẩm định (${formatVietnameseDate(d.appraisalDueOn!)}).`,
            d.id,
          );
          await manager.update(Dossier, { id: d.id }, { dueSoonNotifiedAt: this.clock.now() });
          warned++;
        }
      });
    }
    return warned;
  }
}
