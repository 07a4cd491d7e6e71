import { Injectable } from '@nestjs/common';
import { Actor, authorityScope } from '../access/actor';
import { Role } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import type { Authority } from '../authorities/authority.entity';
import { RECIPIENT_KIND_LABELS } from '../awards/award-form.entity';
import { Clock } from '../common/clock';
import { addDays } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { PageQueryDto } from '../common/pagination';
import { Db } from '../database/transactions';
import { CertificatesService } from '../decisions/certificates.service';
import { DecisionsService } from '../decisions/decisions.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateOpinionDto, CreatePublicationDto } from './publicity.dto';
import { Publication, PublicOpinion, PublishedEntry } from './publication.entity';

/** Whoever sends an opinion from the public page: nobody signed in, recorded as such. */
const PUBLIC_SENDER = { userId: null, username: 'Người dân (trang công khai)', role: 'public' };

/** How many awaiting nominees one publication takes at most (a year's list of a district). */
const MAX_ENTRIES = 5000;

/**
 * Publicity (công khai): an authority publishes, for a period, the nominees it
 * intends to award (name, unit, form, achievement; nothing else personal), and
 * anyone may send an opinion that reaches Home Affairs; it may also list its
 * issued decisions. Each is switched on per authority (its settings).
 */
@Injectable()
export class PublicityService {
  constructor(
    private readonly db: Db,
    private readonly authorities: AuthoritiesService,
    private readonly decisions: DecisionsService,
    private readonly certificates: CertificatesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The authority's publications, newest first, each with its count of opinions and whether it is open. */
  async list(actor: Actor) {
    // The entries are left out: a list is read one at a time.
    const rows = await this.db.tx.getRepository(Publication).find({
      select: {
        id: true,
        authorityId: true,
        title: true,
        startsOn: true,
        endsOn: true,
        withdrawnAt: true,
        createdBy: true,
        createdAt: true,
      },
      where: { authorityId: authorityScope(actor) },
      order: { createdAt: 'DESC' },
    });
    const counts: { id: string; n: number }[] = rows.length
      ? await this.db.tx.query(
          `SELECT publication_id AS id, count(*)::int AS n FROM public_opinions
            WHERE publication_id = ANY($1) GROUP BY publication_id`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r) =>
      this.described({ ...r, opinions: counts.find((c) => c.id === r.id)?.n ?? 0 }),
    );
  }

  private described(p: Publication & { opinions?: number }) {
    const today = this.clock.today();
    return {
      ...p,
      open: !p.withdrawnAt && p.startsOn <= today && today <= p.endsOn,
      statusLabel: p.withdrawnAt
        ? 'Đã gỡ'
        : today < p.startsOn
          ? 'Chưa đến ngày công khai'
          : today > p.endsOn
            ? 'Đã hết thời gian công khai'
            : 'Đang công khai',
    };
  }

  /**
   * Publishes the nominees awaiting the chairman's decision (of one round, or
   * all): their names, units, forms and achievements as they stand today.
   * Refused while the authority has not switched publicity on, or when nothing awaits.
   */
  publish(actor: Actor, dto: CreatePublicationDto): Promise<Publication> {
    return this.db.withTransaction(async () => {
      const authority = await this.authorities.own(actor);
      if (!authority.publishNominees)
        throw AppError.conflict(
          'Cơ quan chưa bật công khai danh sách dự kiến khen thưởng (Cài đặt → Công khai).',
        );
      const today = this.clock.today();
      const startsOn = dto.startsOn ?? today;
      if (startsOn < today)
        throw AppError.invalidField(
          'startsOn',
          'Trường "startsOn": ngày bắt đầu công khai không được trước hôm nay.',
          'past',
        );
      const awaiting = await this.decisions.awaitingAll(
        actor,
        { roundId: dto.roundId },
        MAX_ENTRIES + 1,
      );
      if (awaiting.length > MAX_ENTRIES)
        throw AppError.conflict(
          `Có hơn ${MAX_ENTRIES.toLocaleString('vi-VN')} đối tượng đang chờ quyết định: một danh sách công khai nhận tối đa chừng ấy. Hãy công khai theo từng đợt xét.`,
        );
      const entries: PublishedEntry[] = awaiting.map((n) => ({
        kind: n.kind,
        name: n.displayName,
        unitName: n.dossier?.unit?.name ?? '',
        formName: n.awardForm?.name ?? '',
        achievement: n.achievementSummary,
      }));
      if (!entries.length)
        throw AppError.conflict(
          'Không có đối tượng nào đang chờ quyết định khen thưởng để công khai.',
        );
      const saved = await this.db.tx.getRepository(Publication).save({
        authorityId: authority.id,
        title: dto.title.trim(),
        startsOn,
        endsOn: addDays(startsOn, dto.days - 1),
        entries,
        withdrawnAt: null,
        createdBy: actor.userId,
      });
      await this.audit.record(
        actor,
        'publication.create',
        { type: 'publication', id: saved.id },
        { entries: { from: null, to: entries.length }, endsOn: { from: null, to: saved.endsOn } },
      );
      return saved;
    });
  }

  async get(actor: Actor, id: string) {
    const p = await this.db.tx
      .getRepository(Publication)
      .findOneBy({ id, authorityId: authorityScope(actor) });
    if (!p) throw AppError.notFound('Danh sách công khai');
    const opinions = await this.db.tx
      .getRepository(PublicOpinion)
      .find({ where: { publicationId: id }, order: { createdAt: 'DESC' } });
    return { ...this.described(p), opinions };
  }

  /** Takes a list down before its end; its opinions are kept. Once only (409 after). */
  withdraw(actor: Actor, id: string) {
    return this.db.withTransaction(async () => {
      await this.get(actor, id);
      const done = await this.db.tx
        .createQueryBuilder()
        .update(Publication)
        .set({ withdrawnAt: this.clock.now() })
        .where('id = :id AND withdrawn_at IS NULL', { id })
        .execute();
      if (!done.affected) throw AppError.conflict('Danh sách này đã được gỡ.');
      await this.audit.record(
        actor,
        'publication.withdraw',
        { type: 'publication', id },
        { withdrawn: { from: false, to: true } },
      );
      return this.get(actor, id);
    });
  }

  /** An authority open to the public for this kind of publicity, by its code; 404 otherwise. */
  private async publicAuthority(
    code: string,
    what: 'publishNominees' | 'publishDecisions',
  ): Promise<Authority> {
    const authority = await this.authorities.byCode(code);
    if (!authority?.[what]) throw AppError.notFound('Trang công khai');
    return authority;
  }

  /** What the public reads of an authority: its open lists, and whether its decisions are listed. */
  async publicHome(code: string) {
    const authority = await this.authorities.byCode(code);
    if (!authority || (!authority.publishNominees && !authority.publishDecisions))
      throw AppError.notFound('Trang công khai');
    const today = this.clock.today();
    const open = authority.publishNominees
      ? await this.db.tx
          .getRepository(Publication)
          .createQueryBuilder('p')
          .where('p.authority_id = :a AND p.withdrawn_at IS NULL', { a: authority.id })
          .andWhere(':today BETWEEN p.starts_on AND p.ends_on', { today })
          .orderBy('p.ends_on', 'ASC')
          .getMany()
      : [];
    return {
      authority: { code: authority.code, name: authority.name },
      publications: open.map((p) => ({
        id: p.id,
        title: p.title,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        count: p.entries.length,
      })),
      decisions: authority.publishDecisions,
    };
  }

  /** An open list and its authority, for the public; 404 when withdrawn, not yet or no longer open. */
  private async openList(code: string, id: string) {
    const authority = await this.publicAuthority(code, 'publishNominees');
    const p = await this.db.tx.getRepository(Publication).findOneBy({
      id,
      authorityId: authority.id,
    });
    const today = this.clock.today();
    if (!p || p.withdrawnAt || today < p.startsOn || today > p.endsOn)
      throw AppError.notFound('Danh sách công khai');
    return { authority, p };
  }

  /** An open list as the public reads it (the same for everyone). */
  async publicList(code: string, id: string) {
    const { authority, p } = await this.openList(code, id);
    return {
      authority: { code: authority.code, name: authority.name },
      id: p.id,
      title: p.title,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      entries: p.entries.map((e, i) => ({
        number: i + 1,
        kindLabel: RECIPIENT_KIND_LABELS[e.kind],
        name: e.name,
        unitName: e.unitName,
        formName: e.formName,
        achievement: e.achievement,
      })),
    };
  }

  /**
   * Stores an opinion on an open list and tells Home Affairs; audited as the
   * public's. The rate limit is the controller's (per address).
   */
  sendOpinion(code: string, id: string, dto: CreateOpinionDto, requestId: string) {
    return this.db.withTransaction(async () => {
      const { authority, p: list } = await this.openList(code, id);
      if (dto.entry !== undefined && dto.entry > list.entries.length)
        throw AppError.invalidField(
          'entry',
          `Trường "entry": danh sách chỉ có ${list.entries.length} đối tượng.`,
          'range',
        );
      const saved = await this.db.tx.getRepository(PublicOpinion).save({
        publicationId: id,
        authorityId: authority.id,
        entryIndex: dto.entry ? dto.entry - 1 : null,
        senderName: dto.senderName?.trim() ?? '',
        contact: dto.contact?.trim() ?? '',
        content: dto.content.trim(),
      });
      await this.audit.record(
        { ...PUBLIC_SENDER, authorityId: authority.id, requestId },
        'publication.opinion',
        { type: 'publication', id },
        { opinion: { from: null, to: saved.id } },
      );
      const about = dto.entry ? ` về ${list.entries[dto.entry - 1].name}` : '';
      await this.notifications.notify(
        { authorityId: authority.id, roles: [Role.HomeAffairs] },
        `Có ý kiến mới${about} trên danh sách công khai "${list.title}".`,
      );
      return { id: saved.id, receivedAt: saved.createdAt };
    });
  }

  async publicDecisions(code: string, query: PageQueryDto) {
    const authority = await this.publicAuthority(code, 'publishDecisions');
    return {
      authority: { code: authority.code, name: authority.name },
      page: await this.decisions.published(authority.id, query),
    };
  }

  async publicDecisionPdf(code: string, id: string): Promise<Buffer> {
    const authority = await this.publicAuthority(code, 'publishDecisions');
    return this.certificates.publishedDecisionPdf(authority.id, id);
  }
}
