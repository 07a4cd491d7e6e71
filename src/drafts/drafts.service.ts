import { Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { RecipientKind } from '../awards/award-form.entity';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../common/clock';
import { AwardRecordService, RecordSubject } from '../decisions/award-record.service';
import { draftToDocx } from '../documents/docx-writer';
import type { DraftDocument } from '../documents/draft-document';
import { PdfRenderer } from '../documents/pdf-renderer.service';
import { TemplatesService } from '../documents/templates.service';
import { DossiersService } from '../dossiers/dossiers.service';
import { TASK_RATING_LABELS } from '../law/eligibility';
import { legalBasesOn } from '../law/legal-texts';
import { MovementsService } from '../movements/movements.service';
import { INITIATIVE_LEVELS } from '../people/person-initiative.entity';
import { GENDER_LABELS, Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import { ReportsService } from '../reports/reports.service';
import { UnitKind } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import {
  achievementReport,
  coverNote,
  DossierFacts,
  IndicatorFacts,
  NomineeFacts,
  PersonFacts,
} from './draft-content';

export enum DraftFormat {
  Pdf = 'pdf',
  Docx = 'docx',
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A draft ready to send: its bytes, its media type and a file name. */
export interface DraftFile {
  buffer: Buffer;
  type: string;
  fileName: string;
}

/** Units whose cover notes are headed by the authority (its departments and agencies). */
const UNDER_AUTHORITY = [UnitKind.Department, UnitKind.OtherAgency];

/**
 * Drafts a unit would otherwise retype: the cover note of a dossier and the
 * achievement report of each nominee, filled with what the system knows (the
 * unit, the nominees, their positions, the movement, the indicator results and
 * earlier awards), as a PDF to print or a DOCX to edit. The unit signs the
 * finished file and uploads it as the dossier's document.
 */
@Injectable()
export class DraftsService {
  constructor(
    private readonly authorities: AuthoritiesService,
    private readonly dossiers: DossiersService,
    private readonly people: PeopleService,
    private readonly units: UnitsService,
    private readonly movements: MovementsService,
    private readonly reports: ReportsService,
    private readonly records: AwardRecordService,
    private readonly templates: TemplatesService,
    private readonly renderer: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async coverNote(actor: Actor, dossierId: string, format: DraftFormat): Promise<DraftFile> {
    const { facts } = await this.facts(actor, dossierId);
    return this.file(actor, dossierId, coverNote(facts), format, 'to-trinh');
  }

  async achievementReport(
    actor: Actor,
    dossierId: string,
    nomineeId: string,
    format: DraftFormat,
  ): Promise<DraftFile> {
    const { facts, detail, people } = await this.facts(actor, dossierId);
    const index = detail.nominees.findIndex((n) => n.id === nomineeId);
    if (index < 0) throw AppError.notFound('Đối tượng');
    const nominee = detail.nominees[index];
    const subject: RecordSubject | null = nominee.personId
      ? { kind: RecipientKind.Individual, personId: nominee.personId }
      : nominee.collectiveUnitId
        ? { kind: RecipientKind.Collective, unitId: nominee.collectiveUnitId }
        : nominee.kind === RecipientKind.Household
          ? { kind: RecipientKind.Household, name: nominee.displayName }
          : null;
    const report =
      nominee.collectiveUnitId && detail.roundId
        ? await this.reports.current(actor, detail.roundId, nominee.collectiveUnitId)
        : null;
    const indicators: IndicatorFacts[] = (report?.values ?? []).flatMap((v) =>
      v.criterion
        ? [
            {
              text: v.criterion.text,
              type: v.criterion.type,
              threshold: v.criterion.threshold,
              number: v.number,
              achieved: v.achieved,
              statement: v.statement,
              result: v.resultLabel,
            },
          ]
        : [],
    );
    const draft = achievementReport(facts, facts.nominees[index], {
      person: nominee.personId ? await this.person(actor, people.get(nominee.personId)!) : null,
      indicators,
      awards: subject ? await this.records.lines(actor, subject) : [],
    });
    return this.file(actor, dossierId, draft, format, 'bao-cao-thanh-tich');
  }

  /** What the system knows of the dossier, in the actor's scope (a unit officer: the unit's own), 404 otherwise. */
  private async facts(actor: Actor, dossierId: string) {
    const detail = await this.dossiers.detail(actor, dossierId);
    const authority = await this.authorities.own(actor);
    const units = new Map((await this.units.allOf(authority.id)).map((u) => [u.id, u]));
    const unit = units.get(detail.unitId)!;
    const parent = unit.parentId ? units.get(unit.parentId) : undefined;
    const round = detail.roundId ? await this.movements.requireRound(actor, detail.roundId) : null;
    const unitReport = round ? await this.reports.current(actor, round.id, unit.id) : null;
    const people = new Map(
      await Promise.all(
        detail.nominees
          .filter((n) => n.personId)
          .map(async (n) => [n.personId!, await this.people.get(actor, n.personId!)] as const),
      ),
    );
    const nominees: NomineeFacts[] = detail.nominees.map((n) => {
      const person = n.personId ? people.get(n.personId) : undefined;
      return {
        kind: n.kind,
        name: n.displayName,
        detail: person?.position ?? (n.kind === RecipientKind.Household ? (n.household ?? '') : ''),
        unitName: units.get(person?.unitId ?? n.collectiveUnitId ?? unit.id)?.name ?? unit.name,
        formName: n.awardForm?.name ?? '',
        achievement: n.achievementSummary,
      };
    });
    const facts: DossierFacts = {
      authority: { name: authority.name, placeName: authority.placeName },
      unit: {
        name: unit.name,
        issuingBody: parent
          ? parent.name.toLocaleUpperCase('vi')
          : UNDER_AUTHORITY.includes(unit.kind)
            ? authority.issuingBody
            : '',
        numberSuffix: unit.kind === UnitKind.Commune ? 'UBND' : unit.code,
      },
      dossier: { title: detail.title, commendationKind: detail.commendationKind },
      movement: round ? { title: round.movement.title, roundName: round.name } : null,
      legalBases: legalBasesOn(
        this.clock.today(),
        round?.movement.legalBases ?? [],
        authority.provincialTexts,
      ),
      unitResult: unitReport && { overall: unitReport.overallLabel, score: unitReport.score },
      nominees,
    };
    return { facts, detail, people };
  }

  private async person(actor: Actor, person: Person): Promise<PersonFacts> {
    const ratings = await this.people.ratings(actor, person.id);
    const initiatives = await this.people.initiatives(actor, person.id);
    return {
      gender: GENDER_LABELS[person.gender],
      birthYear: person.birthYear,
      position: person.position,
      ratings: ratings
        .slice(0, 3)
        .map((r) => ({ year: r.year, label: TASK_RATING_LABELS[r.rating] })),
      initiatives: initiatives.map((i) => ({
        year: i.recognisedOn.slice(0, 4),
        title: i.title,
        level: INITIATIVE_LEVELS[i.level],
        reference: i.reference,
      })),
    };
  }

  /** The draft in the format asked; audited, since it carries personal data. */
  private async file(
    actor: Actor,
    dossierId: string,
    draft: DraftDocument,
    format: DraftFormat,
    name: string,
  ): Promise<DraftFile> {
    await this.audit.record(
      actor,
      'dossier.draft',
      { type: 'dossier', id: dossierId },
      { export: { from: null, to: `${draft.title} (${format.toUpperCase()})` } },
    );
    if (format === DraftFormat.Docx)
      return { buffer: await draftToDocx(draft), type: DOCX_TYPE, fileName: `${name}.docx` };
    return {
      buffer: await this.renderer.render(this.templates.render('draft', draft)),
      type: 'application/pdf',
      fileName: `${name}.pdf`,
    };
  }
}
