import { Injectable } from '@nestjs/common';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Clock } from '../common/clock';
import { Db } from '../database/transactions';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { TemplatesService } from '../documents/templates.service';
import { PeopleService } from '../people/people.service';
import { UnitsService } from '../units/units.service';
import { CertificateStatus } from './decision.entity';
import { RecipientKind } from '../awards/award-form.entity';
import { RecordAwardDto } from '../awards/awards.dto';
import { AwardsService } from '../awards/awards.service';
import { foldForSearch } from '../common/text/fold';
import { CERTIFICATE_STATUS_LABELS } from './certificates.service';
import { decisionNumberLabel } from './labels';

/** One award of a person's record: ours (from the register) or decided elsewhere (recorded). */
export interface AwardRecordLine {
  year: number;
  formName: string;
  decisionNumber: string;
  decisionDate: string;
  decidedBy: string;
  /** Ours only: whether the certificate stands, was revoked or corrected. */
  status: string | null;
  /** False for a certificate revoked, or replaced by its correction: not an award to cite. */
  standing: boolean;
  source: 'register' | 'recorded';
}

/** Whose record: a person, a collective (a unit) or a household (by its name, as the register folds it). */
export type RecordSubject =
  | { kind: RecipientKind.Individual; personId: string }
  | { kind: RecipientKind.Collective; unitId: string }
  | { kind: RecipientKind.Household; name: string };

/** How each subject is found among the register's nominees and the recorded awards. */
const MATCH: Record<RecipientKind, { register: string; recorded: string }> = {
  [RecipientKind.Individual]: { register: 'n.person_id = $1', recorded: 'person_id = $1' },
  [RecipientKind.Collective]: {
    register: `n.kind = 'collective' AND n.collective_unit_id = $1`,
    recorded: `recipient_kind = 'collective' AND unit_id = $1`,
  },
  [RecipientKind.Household]: {
    register: `n.kind = 'household' AND ar.search_name = $1`,
    recorded: `recipient_kind = 'household' AND search_name = $1`,
  },
};

/** What the printed record says of its subject, line by line. */
interface RecordHeading {
  kindLabel: string;
  lines: { label: string; value: string }[];
}

/**
 * The thi đua-khen thưởng record of a person, a collective or a household, as
 * personnel files ask for it: every award across the years, those this
 * authority issued (with the state of the certificate) and those decided
 * elsewhere (recorded: imported, or a higher level's decision on a forwarded
 * nominee), newest first; as a PDF too.
 */
@Injectable()
export class AwardRecordService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly units: UnitsService,
    private readonly awards: AwardsService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly authorities: AuthoritiesService,
  ) {}

  /** The subject's awards, newest first; the caller has checked the subject is in the actor's scope. */
  async lines(actor: Actor, subject: RecordSubject): Promise<AwardRecordLine[]> {
    const authorityId = authorityScope(actor);
    const key =
      subject.kind === RecipientKind.Individual
        ? subject.personId
        : subject.kind === RecipientKind.Collective
          ? subject.unitId
          : foldForSearch(subject.name);
    const match = MATCH[subject.kind];
    const ours: (Omit<AwardRecordLine, 'status' | 'standing' | 'source' | 'decisionNumber'> & {
      number: number;
      status: CertificateStatus;
    })[] = await this.db.tx.query(
      `SELECT dec.year, ar.snapshot->>'awardFormName' AS "formName", dec.number,
              dec.issued_on::text AS "decisionDate", 'Chủ tịch ' || (ar.snapshot->>'authorityName') AS "decidedBy",
              ar.status
         FROM award_register ar
         JOIN decision_items di ON di.id = ar.item_id
         JOIN nominees n ON n.id = di.nominee_id
         JOIN decisions dec ON dec.id = ar.decision_id
        WHERE ${match.register} AND ar.authority_id = $2`,
      [key, authorityId],
    );
    const recorded: Omit<AwardRecordLine, 'status' | 'standing' | 'source'>[] =
      await this.db.tx.query(
        `SELECT year, form_name AS "formName", decision_number AS "decisionNumber",
              decision_date::text AS "decisionDate", decided_by AS "decidedBy"
         FROM recorded_awards WHERE ${match.recorded} AND authority_id = $2`,
        [key, authorityId],
      );
    return [
      ...ours.map((o) => ({
        year: o.year,
        formName: o.formName,
        decisionNumber: decisionNumberLabel(o.number),
        decisionDate: o.decisionDate,
        decidedBy: o.decidedBy,
        status: CERTIFICATE_STATUS_LABELS[o.status],
        standing: o.status === CertificateStatus.Valid,
        source: 'register' as const,
      })),
      ...recorded.map((r) => ({
        ...r,
        status: null,
        standing: true,
        source: 'recorded' as const,
      })),
    ].sort((a, b) => b.decisionDate.localeCompare(a.decisionDate));
  }

  /** A person's record; the person in the actor's scope (a unit officer: the unit's people), 404 otherwise. */
  async of(actor: Actor, personId: string) {
    const person = await this.people.get(actor, personId);
    const lines = await this.lines(actor, { kind: RecipientKind.Individual, personId });
    const unit = (await this.units.allOf(authorityScope(actor))).find(
      (u) => u.id === person.unitId,
    );
    return { person, unitName: unit?.name ?? '', lines };
  }

  /** A collective's record: the unit in the actor's scope, 404 otherwise. */
  async ofUnit(actor: Actor, unitId: string) {
    const unit = await this.units.get(actor, unitId);
    return { unit, lines: await this.lines(actor, { kind: RecipientKind.Collective, unitId }) };
  }

  /**
   * A household's record, by its name as the register folds it (with or
   * without diacritics). Households have no record of their own: Home
   * Affairs and admins only, never a unit officer guessing names.
   */
  async ofHousehold(actor: Actor, name: string) {
    return { name, lines: await this.lines(actor, { kind: RecipientKind.Household, name }) };
  }

  /**
   * Records an award decided elsewhere for a person or a collective of the
   * actor's scope (404 otherwise), without a dossier: it joins the record.
   */
  async recordElsewhere(
    actor: Actor,
    subject:
      | { kind: RecipientKind.Individual; personId: string }
      | { kind: RecipientKind.Collective; unitId: string },
    dto: RecordAwardDto,
  ) {
    if (subject.kind === RecipientKind.Individual) {
      const person = await this.people.get(actor, subject.personId);
      return this.awards.recordElsewhere(
        actor,
        {
          recipientKind: RecipientKind.Individual,
          personId: person.id,
          unitId: person.unitId,
          awardeeName: person.fullName,
        },
        dto,
        this.clock.today(),
      );
    }
    const unit = await this.units.get(actor, subject.unitId);
    return this.awards.recordElsewhere(
      actor,
      {
        recipientKind: RecipientKind.Collective,
        personId: null,
        unitId: unit.id,
        awardeeName: unit.name,
      },
      dto,
      this.clock.today(),
    );
  }

  /** The record as a PDF (A4 portrait, the administrative layout); audited: it is personal data. */
  async pdf(actor: Actor, subject: RecordSubject): Promise<Buffer> {
    const { heading, lines, target } = await this.printable(actor, subject);
    const authority = await this.authorities.own(actor);
    await this.audit.record(actor, 'award_record.print', target, {
      export: { from: null, to: `Bản tổng hợp khen thưởng (${lines.length} lượt)` },
    });
    return this.renderer.render(
      this.templates.render('award-record', {
        issuingBody: authority.issuingBody,
        authorityName: authority.name,
        numberSuffix: 'UBND',
        placeName: authority.placeName,
        issuedOn: this.clock.today(),
        heading,
        lines,
      }),
    );
  }

  private async printable(actor: Actor, subject: RecordSubject) {
    switch (subject.kind) {
      case RecipientKind.Individual: {
        const { person, unitName, lines } = await this.of(actor, subject.personId);
        const heading: RecordHeading = {
          kindLabel: 'cá nhân',
          lines: [
            { label: 'Họ và tên', value: person.fullName },
            { label: 'Năm sinh', value: String(person.birthYear) },
            { label: 'Chức vụ', value: person.position || '—' },
            { label: 'Đơn vị', value: unitName },
          ],
        };
        return { heading, lines, target: { type: 'person', id: person.id } };
      }
      case RecipientKind.Collective: {
        const { unit, lines } = await this.ofUnit(actor, subject.unitId);
        const heading: RecordHeading = {
          kindLabel: 'tập thể',
          lines: [
            { label: 'Tên tập thể', value: unit.name },
            { label: 'Mã đơn vị', value: unit.code },
          ],
        };
        return { heading, lines, target: { type: 'unit', id: unit.id } };
      }
      case RecipientKind.Household: {
        const { name, lines } = await this.ofHousehold(actor, subject.name);
        const heading: RecordHeading = {
          kindLabel: 'hộ gia đình',
          lines: [{ label: 'Hộ gia đình', value: name }],
        };
        return { heading, lines, target: { type: 'household', id: null } };
      }
    }
  }
}
