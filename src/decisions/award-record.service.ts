import { Injectable } from '@nestjs/common';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Authority } from '../authorities/authority.entity';
import { Clock } from '../common/clock';
import { Db } from '../database/transactions';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { TemplatesService } from '../documents/templates.service';
import { PeopleService } from '../people/people.service';
import { UnitsService } from '../units/units.service';
import { CertificateStatus } from './decision.entity';
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
  source: 'register' | 'recorded';
}

/**
 * A person's thi đua-khen thưởng record, as personnel files ask for it: every
 * award across the years, those this authority issued (with the state of the
 * certificate) and those decided elsewhere (recorded: imported, or a higher
 * level's decision on a forwarded nominee), newest first; as a PDF too.
 */
@Injectable()
export class AwardRecordService {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleService,
    private readonly units: UnitsService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async of(actor: Actor, personId: string) {
    // In the actor's scope (a unit officer: the unit's people), 404 otherwise.
    const person = await this.people.get(actor, personId);
    const authorityId = authorityScope(actor);
    const ours: (Omit<AwardRecordLine, 'status' | 'source' | 'decisionNumber'> & {
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
        WHERE n.person_id = $1 AND ar.authority_id = $2`,
      [personId, authorityId],
    );
    const recorded: Omit<AwardRecordLine, 'status' | 'source'>[] = await this.db.tx.query(
      `SELECT year, form_name AS "formName", decision_number AS "decisionNumber",
              decision_date::text AS "decisionDate", decided_by AS "decidedBy"
         FROM recorded_awards WHERE person_id = $1 AND authority_id = $2`,
      [personId, authorityId],
    );
    const lines: AwardRecordLine[] = [
      ...ours.map((o) => ({
        year: o.year,
        formName: o.formName,
        decisionNumber: decisionNumberLabel(o.number),
        decisionDate: o.decisionDate,
        decidedBy: o.decidedBy,
        status: CERTIFICATE_STATUS_LABELS[o.status],
        source: 'register' as const,
      })),
      ...recorded.map((r) => ({ ...r, status: null, source: 'recorded' as const })),
    ].sort((a, b) => b.decisionDate.localeCompare(a.decisionDate));
    const unit = (await this.units.allOf(authorityId)).find((u) => u.id === person.unitId);
    return { person, unitName: unit?.name ?? '', lines };
  }

  /** The record as a PDF (A4 portrait, the administrative layout); audited: it is personal data. */
  async pdf(actor: Actor, personId: string): Promise<Buffer> {
    const { person, unitName, lines } = await this.of(actor, personId);
    const authority = await this.db.tx
      .getRepository(Authority)
      .findOneByOrFail({ id: authorityScope(actor) });
    await this.audit.record(
      actor,
      'person.award_record',
      { type: 'person', id: personId },
      { export: { from: null, to: `Bản tổng hợp khen thưởng (${lines.length} lượt)` } },
    );
    return this.renderer.render(
      this.templates.render('award-record', {
        issuingBody: authority.issuingBody,
        authorityName: authority.name,
        numberSuffix: 'UBND',
        placeName: authority.placeName,
        issuedOn: this.clock.today(),
        person: {
          fullName: person.fullName,
          birthYear: person.birthYear,
          position: person.position,
          unitName,
        },
        lines,
      }),
    );
  }
}
