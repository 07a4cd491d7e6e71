import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Role } from '../auth/roles';
import { Authority } from '../authorities/authority.entity';
import { DecidedBy } from '../awards/award-form.entity';
import { CalendarService } from '../calendar/calendar.service';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { formatVietnameseDate } from '../common/dates';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { CouncilService, needsVote } from '../council/council.service';
import { Audience, NotificationsService } from '../notifications/notifications.service';
import {
  AppraisalResult,
  Dossier,
  DossierEvent,
  Nominee,
  NomineeOutcome,
  VoteOutcome,
} from './dossier.entity';
import { CLOCK_STATUSES, DossiersService, missingForSubmit } from './dossiers.service';
import {
  actionsFor,
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

/** Nominees that the chairman decides: proposed, decided here, vote passed where one is needed. */
function decidableHere(n: Nominee): boolean {
  return (
    n.appraisal === AppraisalResult.Proposed &&
    n.outcome === NomineeOutcome.Pending &&
    n.awardForm?.decidedBy === DecidedBy.ThisAuthority &&
    (!n.awardForm.voteRequired || n.voteOutcome === VoteOutcome.Passed)
  );
}

@Injectable()
export class DossierWorkflowService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DossierWorkflow');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
    private readonly council: CouncilService,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    validateWorkflow();
    if (!this.config.isTest) {
      this.timer = setInterval(
        () => void this.notifyDueSoon().catch((e) => this.logger.error(e)),
        3600_000,
      );
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private conflict(
    dossier: Dossier,
    actor: Actor,
    message: string,
    details: FieldDetail[] = [],
  ): AppError {
    return AppError.conflict(message, details, {
      status: dossier.status,
      statusLabel: DOSSIER_STATUS_LABELS[dossier.status],
      version: dossier.version,
      allowedActions: actionsFor(dossier.status, actor.role).filter((a) => a !== 'decide'),
    });
  }

  /**
   * The only way a dossier's status changes: check the declared transition,
   * run its guard, update on the expected status and version (a concurrent
   * or stale request gets 409 with the current state), write the history row,
   * audit, and notify, all in one transaction.
   */
  transition(
    actor: Actor,
    dossierId: string,
    action: DossierAction,
    input: TransitionInput = {},
    within?: EntityManager,
  ) {
    const step = WORKFLOW[action];
    const run = async (manager: EntityManager) => {
      const dossier = await this.dossiers.require(actor, dossierId, manager);
      if (!step.roles.includes(actor.role)) throw AppError.forbidden();
      if (!step.from.includes(dossier.status)) {
        throw this.conflict(
          dossier,
          actor,
          `Không thể "${step.label}": hồ sơ đang ở trạng thái "${DOSSIER_STATUS_LABELS[dossier.status]}".`,
        );
      }
      if (input.version !== undefined && input.version !== dossier.version) {
        throw this.conflict(
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
      const effects = await this.guard(manager, actor, dossier, action, input);
      const result = await manager
        .createQueryBuilder()
        .update(Dossier)
        .set({ ...effects, status: step.to, version: () => 'version + 1' })
        .where('id = :id AND status = :from AND version = :version', {
          id: dossier.id,
          from: dossier.status,
          version: dossier.version,
        })
        .returning(['version', 'updated_at'])
        .execute();
      if (result.affected !== 1) {
        const current = await manager.findOneByOrFail(Dossier, { id: dossier.id });
        throw this.conflict(current, actor, 'Hồ sơ vừa được người khác xử lý. Vui lòng tải lại.');
      }
      const note =
        action === 'request_supplement'
          ? [comment, ...(input.items ?? []).map((i) => `- ${i}`)].join('\n')
          : comment;
      await manager.insert(DossierEvent, {
        dossierId: dossier.id,
        actorId: actor.userId,
        actorName: actor.username,
        role: actor.role,
        action,
        fromStatus: dossier.status,
        toStatus: step.to,
        comment: note,
      });
      await this.audit.record(
        manager,
        actor,
        `dossier.${action}`,
        { type: 'dossier', id: dossier.id },
        { status: { from: dossier.status, to: step.to } },
      );
      const [{ version, updated_at: updatedAt }] = result.raw as {
        version: number;
        updated_at: Date;
      }[];
      const next: Dossier = { ...dossier, ...effects, status: step.to, version, updatedAt };
      await this.notifyStep(manager, next, step.label, comment);
      // The new state; GET /api/dossiers/:id gives the full detail.
      return {
        ...next,
        statusLabel: DOSSIER_STATUS_LABELS[next.status],
        allowedActions: actionsFor(next.status, actor.role).filter((a) => a !== 'decide'),
      };
    };
    // An award decision moves its dossiers inside its own issuing transaction.
    return within ? run(within) : this.dataSource.transaction(run);
  }

  /** The data checks of each step and the columns it sets besides the status. */
  private async guard(
    manager: EntityManager,
    actor: Actor,
    dossier: Dossier,
    action: DossierAction,
    input: TransitionInput,
  ): Promise<Effects> {
    const today = this.clock.today();
    const holidays = () => this.calendar.holidays(dossier.authorityId, manager);
    const nominees = () =>
      manager.find(Nominee, { where: { dossierId: dossier.id }, relations: { awardForm: true } });
    const stopClock: Effects = { clockStartedOn: null };
    switch (action) {
      case 'submit':
      case 'resubmit': {
        const missing = await missingForSubmit(manager, dossier.id);
        const authority = await manager.findOneByOrFail(Authority, { id: dossier.authorityId });
        if (missing.length)
          throw new AppError(
            400,
            'DOSSIER_INCOMPLETE',
            `Hồ sơ chưa đủ: ${missing.map((m) => m.message).join(' ')}`,
            missing,
          );
        const used = action === 'submit' ? 0 : dossier.workingDaysUsed;
        return {
          ...(action === 'submit'
            ? { submittedAt: this.clock.now(), workingDaysUsed: 0 }
            : { supplementItems: [] }),
          clockStartedOn: today,
          dueSoonNotifiedAt: null,
          appraisalDueOn: addWorkingDays(
            today,
            Math.max(0, authority.appraisalWorkingDays - used),
            await holidays(),
          ),
        };
      }
      case 'withdraw':
        return { ...stopClock, appraisalDueOn: null };
      case 'take':
        return { assignedTo: actor.userId };
      case 'request_supplement': {
        if (!input.items?.length)
          throw AppError.invalidField(
            'items',
            'Cần liệt kê nội dung đơn vị phải bổ sung.',
            'required',
          );
        const used = dossier.clockStartedOn
          ? workingDaysBetween(dossier.clockStartedOn, today, await holidays())
          : 0;
        return {
          ...stopClock,
          appraisalDueOn: null,
          workingDaysUsed: dossier.workingDaysUsed + used,
          supplementItems: input.items,
        };
      }
      case 'reject':
        await manager.update(
          Nominee,
          { dossierId: dossier.id },
          { outcome: NomineeOutcome.Refused },
        );
        return stopClock;
      case 'appraise': {
        const all = await nominees();
        const results = input.results ?? [];
        const details: FieldDetail[] = [];
        const byId = new Map(results.map((r) => [r.nomineeId, r]));
        results.forEach((r, i) => {
          if (!all.some((n) => n.id === r.nomineeId))
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
        const missing = all.filter((n) => !byId.has(n.id)).map((n) => n.displayName);
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
        for (const n of all) {
          const r = byId.get(n.id)!;
          await manager.update(
            Nominee,
            { id: n.id },
            {
              appraisal: r.result,
              appraisalReason: r.reason?.trim() || null,
              ...(r.result === AppraisalResult.NotProposed
                ? { outcome: NomineeOutcome.Refused }
                : {}),
            },
          );
        }
        return stopClock;
      }
      case 'send_to_council': {
        if (!(await nominees()).some(needsVote))
          throw this.conflict(dossier, actor, 'Không có đối tượng nào cần Hội đồng bỏ phiếu.');
        await this.council.open(manager, dossier);
        return {};
      }
      case 'close_vote':
        await this.council.close(manager, actor, dossier);
        return {};
      case 'send_to_chairman': {
        const all = await nominees();
        if (all.some(needsVote))
          throw this.conflict(
            dossier,
            actor,
            'Còn đối tượng cần Hội đồng bỏ phiếu trước khi trình Chủ tịch.',
          );
        const ready = all.filter(decidableHere);
        if (!ready.length)
          throw this.conflict(dossier, actor, 'Không có đối tượng nào để Chủ tịch quyết định.');
        await manager.update(
          Nominee,
          { id: In(ready.map((n) => n.id)) },
          { outcome: NomineeOutcome.AwaitingDecision },
        );
        return {};
      }
      case 'close_forwarded': {
        const all = await nominees();
        const open = all.filter((n) => n.outcome === NomineeOutcome.Pending);
        if (open.length || !all.some((n) => n.outcome === NomineeOutcome.Forwarded)) {
          throw this.conflict(
            dossier,
            actor,
            `Còn đối tượng chưa xử lý: ${open.map((n) => n.displayName).join(', ') || 'không có đối tượng nào đã trình cấp trên'}.`,
          );
        }
        return {};
      }
      case 'refuse':
        await manager.update(
          Nominee,
          { dossierId: dossier.id, outcome: NomineeOutcome.AwaitingDecision },
          { outcome: NomineeOutcome.Refused },
        );
        return {};
      case 'decide': {
        // Taken by issuing an award decision, once no nominee waits any more.
        const waiting = (await nominees()).filter(
          (n) => n.outcome === NomineeOutcome.AwaitingDecision,
        );
        if (waiting.length) {
          throw this.conflict(
            dossier,
            actor,
            `Còn đối tượng chờ quyết định: ${waiting.map((n) => n.displayName).join(', ')}.`,
          );
        }
        return {};
      }
    }
  }

  /** In-app notifications: the unit always; Home Affairs, the council or the chairman as the step needs. */
  private async notifyStep(
    manager: EntityManager,
    dossier: Dossier,
    label: string,
    comment: string,
  ): Promise<void> {
    const audience: Audience = {
      authorityId: dossier.authorityId,
      unitId: dossier.unitId,
      userIds: [dossier.assignedTo],
    };
    if (
      dossier.status === DossierStatus.Submitted ||
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
    await this.notifications.notify(
      manager,
      audience,
      `Hồ sơ "${dossier.title}": ${label} → ${DOSSIER_STATUS_LABELS[dossier.status]}.${due}${why}`,
      dossier.id,
    );
  }

  /**
   * Warns, once per dossier, when its appraisal deadline is near or passed.
   * Runs hourly; returns how many dossiers were warned.
   */
  async notifyDueSoon(): Promise<number> {
    const today = this.clock.today();
    const authorities = await this.dataSource.getRepository(Authority).find();
    let warned = 0;
    for (const authority of authorities) {
      const soon = addWorkingDays(
        today,
        authority.dueSoonWorkingDays,
        await this.calendar.holidays(authority.id),
      );
      await this.dataSource.transaction(async (manager) => {
        const due = await manager
          .getRepository(Dossier)
          .createQueryBuilder('d')
          .where(
            'd.authority_id = :a AND d.status IN (:...s) AND d.appraisal_due_on <= :soon AND d.due_soon_notified_at IS NULL',
            {
              a: authority.id,
              s: CLOCK_STATUSES,
              soon,
            },
          )
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const d of due) {
          const late = d.appraisalDueOn! < today;
          await this.notifications.notify(
            manager,
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
