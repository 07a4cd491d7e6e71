import { Injectable, OnModuleInit } from '@nestjs/common';
import { DossierWorkflowService } from '../dossiers/dossier-workflow.service';
import { Db } from '../database/transactions';
import { In, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { todayInVietnam } from '../common/dates';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { TemplatesService } from '../documents/templates.service';
import { Actor, authorityScope } from '../access/actor';
import type { AwardForm } from '../awards/award-form.entity';
import { AppError } from '../common/errors/app-error';
import { Dossier, Nominee } from '../dossiers/dossier.entity';
import { needsVote } from '../dossiers/step-conditions';
import { DossierStatus } from '../dossiers/workflow';
import { PeopleService } from '../people/people.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  CouncilMinutes,
  CouncilSession,
  CouncilVote,
  MinuteLine,
  VoteChoice,
} from './council.entity';

/** The tally of one nominee under its form's rule (quorum and approval shares, reached or exceeded). */
export function tally(
  form: Pick<AwardForm, 'voteQuorum' | 'voteApproval'>,
  members: number,
  choices: VoteChoice[],
) {
  const count = (c: VoteChoice) => choices.filter((x) => x === c).length;
  const recused = count(VoteChoice.Recused);
  const agree = count(VoteChoice.Agree);
  const disagree = count(VoteChoice.Disagree);
  const abstain = count(VoteChoice.Abstain);
  const eligible = members - recused;
  const cast = agree + disagree + abstain;
  const quorumMet = eligible > 0 && cast >= Math.ceil((form.voteQuorum ?? 0) * eligible - 1e-9);
  const passed = quorumMet && cast > 0 && agree / cast >= (form.voteApproval ?? 0) - 1e-9;
  return { eligible, agree, disagree, abstain, recused, quorumMet, passed };
}

@Injectable()
export class CouncilService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly workflow: DossierWorkflowService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly authorities: AuthoritiesService,
    private readonly users: UsersService,
    private readonly people: PeopleService,
  ) {}

  onModuleInit(): void {
    this.workflow.useCouncil(this);
  }

  /** Opens a vote session with the authority's current council members. */
  async open(dossier: Dossier): Promise<CouncilSession> {
    const manager = this.db.tx;
    const members = await this.users.councilMembers(dossier.authorityId);
    if (members.length === 0)
      throw AppError.conflict(
        'Hội đồng Thi đua - Khen thưởng chưa có thành viên nào trong hệ thống.',
      );
    return manager.save(
      manager.create(CouncilSession, {
        dossierId: dossier.id,
        authorityId: dossier.authorityId,
        memberIds: members.map((m) => m.id),
        closedAt: null,
        minutes: null,
      }),
    );
  }

  private openSession(dossierId: string): Promise<CouncilSession | null> {
    const manager = this.db.tx;
    return manager.findOneBy(CouncilSession, { dossierId, closedAt: IsNull() });
  }

  /** The unit a nominee belongs to, for recusal. */
  private async nomineeUnit(dossier: Dossier, nominee: Nominee): Promise<string> {
    if (nominee.collectiveUnitId) return nominee.collectiveUnitId;
    if (nominee.personId) return (await this.people.byIds([nominee.personId]))[0].unitId;
    return dossier.unitId;
  }

  /** A member who is the nominee, or belongs to the nominee's unit, must recuse. */
  private async mustRecuse(member: User, dossier: Dossier, nominee: Nominee): Promise<boolean> {
    if (!member.personId) return false;
    if (nominee.personId === member.personId) return true;
    const [person] = await this.people.byIds([member.personId]);
    return person?.unitId === (await this.nomineeUnit(dossier, nominee));
  }

  /**
   * What a council member has before them in a dossier's open session: each
   * nominee to vote on, with the member's vote so far and whether they must
   * recuse; null when no session is open.
   */
  async ballot(actor: Actor, dossierId: string) {
    const manager = this.db.tx;
    const dossier = await manager.findOneBy(Dossier, {
      id: dossierId,
      authorityId: authorityScope(actor),
    });
    if (!dossier) throw AppError.notFound('Hồ sơ');
    const session = await this.openSession(dossierId);
    if (!session) return null;
    const member = await this.users.byId(actor.userId);
    const nominees = (
      await manager.find(Nominee, {
        where: { dossierId },
        relations: { awardForm: true },
        order: { displayName: 'ASC' },
      })
    ).filter(needsVote);
    const votes = await manager.findBy(CouncilVote, { sessionId: session.id });
    const lines = [];
    for (const n of nominees) {
      const mine = votes.find((v) => v.nomineeId === n.id && v.memberId === actor.userId);
      lines.push({
        nomineeId: n.id,
        displayName: n.displayName,
        awardForm: n.awardForm!.name,
        myVote: mine?.choice ?? null,
        mustRecuse: await this.mustRecuse(member, dossier, n),
        votesCast: votes.filter((v) => v.nomineeId === n.id).length,
      });
    }
    return {
      sessionId: session.id,
      openedAt: session.openedAt,
      isMember: session.memberIds.includes(actor.userId),
      members: session.memberIds.length,
      lines,
    };
  }

  /**
   * A member's vote on one nominee. A member who is the nominee, or belongs
   * to the nominee's unit, must recuse; one vote per member and nominee.
   */
  vote(actor: Actor, dossierId: string, nomineeId: string, choice: VoteChoice) {
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const dossier = await manager.findOne(Dossier, {
        where: { id: dossierId, authorityId: authorityScope(actor) },
        lock: { mode: 'pessimistic_read' },
      });
      if (!dossier) throw AppError.notFound('Hồ sơ');
      const session = await this.openSession(dossierId);
      if (dossier.status !== DossierStatus.CouncilVoting || !session) {
        throw AppError.conflict('Phiên bỏ phiếu của hồ sơ này chưa mở hoặc đã kết thúc.', [], {
          status: dossier.status,
        });
      }
      if (!session.memberIds.includes(actor.userId))
        throw AppError.forbidden('Bạn không có tên trong phiên bỏ phiếu này.');
      const nominee = await manager.findOne(Nominee, {
        where: { id: nomineeId, dossierId },
        relations: { awardForm: true },
      });
      if (!nominee || !needsVote(nominee))
        throw AppError.invalidField(
          'nomineeId',
          'Đối tượng này không thuộc diện Hội đồng bỏ phiếu trong hồ sơ.',
          'notVoting',
        );
      const member = await this.users.byId(actor.userId);
      if (choice !== VoteChoice.Recused && (await this.mustRecuse(member, dossier, nominee))) {
        throw AppError.conflict(
          'Bạn là người được đề nghị hoặc cùng đơn vị với người được đề nghị, phải tránh biểu quyết (chọn "recused").',
          [
            {
              field: 'choice',
              code: 'mustRecuse',
              message: 'Thành viên phải tránh biểu quyết đối tượng này.',
            },
          ],
        );
      }
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CouncilVote)
        .values({ sessionId: session.id, nomineeId, memberId: actor.userId, choice })
        .orIgnore()
        .execute();
      if (!inserted.identifiers.length || !inserted.identifiers[0]) {
        throw AppError.conflict('Bạn đã bỏ phiếu cho đối tượng này.', [
          { field: 'nomineeId', code: 'alreadyVoted', message: 'Đã bỏ phiếu.' },
        ]);
      }
      await this.audit.record(
        actor,
        'council.vote',
        { type: 'nominee', id: nomineeId },
        { choice: { from: null, to: choice } },
      );
      return { sessionId: session.id, nomineeId, choice };
    });
  }

  /**
   * Closes the open session: the tallies under each form's rule become the
   * minute. The nominees' vote outcomes are the dossiers module's to write.
   */
  async close(actor: Actor, dossier: Dossier): Promise<CouncilMinutes> {
    const manager = this.db.tx;
    const session = await this.openSession(dossier.id);
    if (!session) throw AppError.conflict('Hồ sơ không có phiên bỏ phiếu đang mở.');
    const nominees = (
      await manager.find(Nominee, {
        where: { dossierId: dossier.id },
        relations: { awardForm: true },
      })
    ).filter(needsVote);
    const votes = await manager.find(CouncilVote, { where: { sessionId: session.id } });
    const members = await this.users.byIds(session.memberIds);
    const lines: MinuteLine[] = nominees.map((n) => {
      const result = tally(
        n.awardForm!,
        session.memberIds.length,
        votes.filter((v) => v.nomineeId === n.id).map((v) => v.choice),
      );
      return {
        nomineeId: n.id,
        displayName: n.displayName,
        awardForm: n.awardForm!.name,
        ...result,
      };
    });
    const minutes: CouncilMinutes = {
      members: members.map((m) => ({ id: m.id, fullName: m.fullName })),
      closedBy: actor.username,
      lines,
    };
    await manager.update(
      CouncilSession,
      { id: session.id },
      { closedAt: new Date(), minutes: minutes as never },
    );
    return minutes;
  }

  /**
   * The minute (biên bản) of the dossier's last closed vote session, as a PDF
   * in the administrative layout: members, each nominee's tally and outcome.
   */
  async minutesPdf(actor: Actor, dossierId: string): Promise<Buffer> {
    const manager = this.db.tx;
    const dossier = await manager.findOne(Dossier, {
      where: { id: dossierId, authorityId: authorityScope(actor) },
      relations: { unit: true },
    });
    if (!dossier) throw AppError.notFound('Hồ sơ');
    const session = await manager.findOne(CouncilSession, {
      where: { dossierId, closedAt: Not(IsNull()) },
      order: { closedAt: 'DESC' },
    });
    if (!session?.minutes) throw AppError.notFound('Biên bản họp Hội đồng');
    const authority = await this.authorities.byId(dossier.authorityId);
    const closedOn = todayInVietnam(session.closedAt!);
    return this.renderer.render(
      this.templates.render('council-minutes', {
        issuingBody: authority.issuingBody,
        issuingUnit: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
        numberSuffix: 'BB-HĐTĐKT',
        placeName: authority.placeName,
        issuedOn: closedOn,
        openedOn: todayInVietnam(session.openedAt),
        closedOn,
        dossierTitle: dossier.title,
        unitName: dossier.unit?.name ?? '',
        ...session.minutes,
      }),
    );
  }

  /** Sessions of a dossier with their votes so far (and the minute once closed). */
  async sessions(actor: Actor, dossierId: string) {
    const dossier = await this.db.tx
      .getRepository(Dossier)
      .findOneBy({ id: dossierId, authorityId: authorityScope(actor) });
    if (!dossier) throw AppError.notFound('Hồ sơ');
    const sessions = await this.db.tx
      .getRepository(CouncilSession)
      .find({ where: { dossierId }, order: { openedAt: 'ASC' } });
    const votes = await this.db.tx.getRepository(CouncilVote).find({
      where: {
        sessionId: In(sessions.map((s) => s.id).concat('00000000-0000-0000-0000-000000000000')),
      },
    });
    return sessions.map((s) => ({ ...s, votes: votes.filter((v) => v.sessionId === s.id) }));
  }
}
