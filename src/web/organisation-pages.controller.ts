import { Body, Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { TaskRatingDto } from '../law/task-rating';
import { IdParam } from '../common/validation/id-param';
import { Gender, GENDER_LABELS } from '../people/person.entity';
import {
  ClosePersonCaseDto,
  CreatePersonCaseDto,
  CreatePersonDto,
  CreatePersonInitiativeDto,
  PersonQueryDto,
  UpdatePersonDto,
} from '../people/people.dto';
import { CASE_KIND_LABELS, CaseKind, TASK_RATING_LABELS, TaskRating } from '../law/eligibility';
import {
  INITIATIVE_KIND_LABELS,
  INITIATIVE_LEVELS,
  InitiativeKind,
} from '../people/person-initiative.entity';
import { parseYear } from '../common/validation/year-param';
import { PeopleService } from '../people/people.service';
import { Unit, UNIT_KIND_LABELS, UnitKind } from '../units/unit.entity';
import { CreateUnitDto, UpdateUnitDto } from '../units/units.dto';
import { UnitsService } from '../units/units.service';
import { Clock } from '../common/clock';
import { AwardRecordLine, AwardRecordService } from '../decisions/award-record.service';
import { RecipientKind } from '../awards/award-form.entity';
import { RecordAwardDto } from '../awards/awards.dto';
import { formatDate, option, pager } from './format';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { inlinePdf } from '../common/http/send-file';
import { WebPages } from './web-pages';

const UNIT_MESSAGES: Record<string, string> = {
  code: 'Mã đơn vị gồm chữ không dấu, số, dấu chấm, gạch nối; ví dụ XA-HUNGDAO.',
  name: 'Hãy ghi tên đơn vị (từ 2 ký tự).',
  kind: 'Hãy chọn loại đơn vị.',
  parentId: 'Hãy chọn đơn vị cấp trên trong danh sách.',
};

const PERSON_MESSAGES: Record<string, string> = {
  fullName: 'Hãy ghi họ và tên (từ 2 ký tự).',
  gender: 'Hãy chọn giới tính.',
  birthYear: 'Năm sinh là số có bốn chữ số, ví dụ 1985.',
  position: 'Chức vụ tối đa 200 ký tự.',
  unitId: 'Hãy chọn đơn vị.',
};

/** A person form's fields as the API's input. */
const personInput = (body: Record<string, unknown>) => ({
  fullName: body.fullName,
  gender: body.gender,
  birthYear: Number(body.birthYear) || body.birthYear,
  position: body.position || undefined,
  unitId: body.unitId,
});

const CASE_MESSAGES: Record<string, string> = {
  kind: 'Hãy chọn loại vụ việc.',
  startsOn: 'Hãy chọn ngày bắt đầu.',
  endsOn: 'Ngày kết thúc phải là một ngày, từ ngày bắt đầu trở đi.',
  reference: 'Hãy ghi văn bản căn cứ (số, ngày), từ 5 ký tự.',
};

const MERIT_MESSAGES: Record<string, string> = {
  rating: 'Hãy chọn mức xếp loại.',
  kind: 'Hãy chọn sáng kiến hay đề tài.',
  title: 'Tên sáng kiến, đề tài từ 5 đến 300 ký tự.',
  level: 'Hãy chọn cấp công nhận.',
  recognisedOn: 'Hãy chọn ngày công nhận.',
  reference: 'Hãy ghi văn bản căn cứ (số, ngày), từ 5 ký tự.',
};

/**
 * The authority's organisation in the browser: units as a tree, people and
 * their cases (the settings are SettingsPagesController's).
 */
@ApiExcludeController()
@Controller('quan-tri')
@UseFilters(WebErrors)
export class OrganisationPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
    private readonly records: AwardRecordService,
  ) {}

  @Get('don-vi')
  @Roles(Role.Admin, Role.HomeAffairs)
  async unitsPage(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    return this.unitsForm(actor, this.forms.csrf(req), {}, {});
  }

  private async unitsForm(
    actor: Actor,
    csrf: string,
    typed: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const units = await this.units.visibleTo(actor);
    // The tree: each unit under its parent, indented by its depth.
    const children = new Map<string | null, typeof units>();
    for (const u of units) {
      const parent = u.parentId && units.some((p) => p.id === u.parentId) ? u.parentId : null;
      children.set(parent, [...(children.get(parent) ?? []), u]);
    }
    const rows: {
      id: string;
      name: string;
      code: string;
      kind: string;
      depth: number;
      active: boolean;
    }[] = [];
    const walk = (parent: string | null, depth: number) => {
      for (const u of (children.get(parent) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'vi'),
      )) {
        rows.push({
          id: u.id,
          name: u.name,
          code: u.code,
          kind: UNIT_KIND_LABELS[u.kind],
          depth,
          active: u.active,
        });
        walk(u.id, depth + 1);
      }
    };
    walk(null, 0);
    const text = (field: string) => (typeof typed[field] === 'string' ? typed[field] : '');
    return this.pages.page(
      actor,
      'units',
      'Đơn vị',
      {
        rows: rows.map((r) => ({ ...r, indent: r.depth * 20 })),
        problem: Object.keys(errors).length
          ? (errors.form ?? 'Chưa thêm được đơn vị: hãy sửa các ô được ghi chú bên dưới.')
          : null,
        errors,
        code: text('code'),
        name: text('name'),
        kinds: Object.values(UnitKind).map((k) => ({
          value: k,
          label: UNIT_KIND_LABELS[k],
          selected: k === typed.kind,
        })),
        parents: rows.map((r) => option(r.id, r.name, typed.parentId)),
      },
      csrf,
    );
  }

  @FormPost('don-vi', Role.Admin, Role.HomeAffairs)
  async createUnit(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          CreateUnitDto,
          { code: body.code, name: body.name, kind: body.kind, parentId: body.parentId || null },
          UNIT_MESSAGES,
        );
        await this.units.create(actor, dto);
        return '/quan-tri/don-vi';
      },
      (errors) => this.unitsForm(actor, this.forms.csrf(req), body, errors),
      UNIT_MESSAGES,
      [400, 409],
    );
  }

  /** A unit's page: its name, kind, parent and whether it is still active, edited with the version shown. */
  @Get('don-vi/:id')
  @Roles(Role.Admin, Role.HomeAffairs)
  async unitPage(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('loi') problem?: string,
  ) {
    // A refused rating comes back with its reason (WebForms.back).
    return this.unitForm(
      actor,
      this.forms.csrf(req),
      id,
      {},
      typeof problem === 'string' && problem ? { form: problem } : {},
    );
  }

  private async unitForm(
    actor: Actor,
    csrf: string,
    id: string,
    typed: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const unit = await this.units.get(actor, id);
    const others = (await this.units.visibleTo(actor)).filter((u) => u.id !== id);
    const value = (field: string, current: unknown) =>
      typeof typed[field] === 'string' ? typed[field] : current;
    const parentId = value('parentId', unit.parentId);
    const kind = value('kind', unit.kind);
    return this.pages.page(
      actor,
      'unit',
      `Đơn vị: ${unit.name}`,
      {
        id: unit.id,
        code: unit.code,
        version: unit.version,
        active: typed.active === undefined ? unit.active : typed.active === 'true',
        problem:
          errors.form ??
          (Object.keys(errors).length
            ? 'Chưa lưu được: hãy sửa các ô được ghi chú bên dưới.'
            : null),
        errors,
        name: value('name', unit.name),
        kinds: Object.values(UnitKind).map((k) => ({
          value: k,
          label: UNIT_KIND_LABELS[k],
          selected: k === kind,
        })),
        parents: others.map((u) => option(u.id, u.name, parentId)),
        // Every award of the collective across the years, ours and decided elsewhere.
        awards: awardRows((await this.records.ofUnit(actor, id)).lines),
        recordAward:
          actor.role === Role.HomeAffairs ? `/quan-tri/don-vi/${id}/khen-thuong-khac` : null,
        // The collective's yearly rating (Home Affairs records it; the collective titles rest on it).
        ratings: [Role.Admin, Role.HomeAffairs].includes(actor.role)
          ? this.ratingView(
              actor,
              await this.units.ratings(actor, id),
              `/quan-tri/don-vi/${id}/xep-loai`,
            )
          : null,
      },
      csrf,
    );
  }

  /** A yearly rating list and, for Home Affairs, the form to record one (person or collective). */
  private ratingView(
    actor: Actor,
    ratings: { year: number; rating: TaskRating; reference: string }[],
    action: string,
  ) {
    return {
      list: ratings.map((r) => ({
        year: r.year,
        rating: TASK_RATING_LABELS[r.rating],
        reference: r.reference,
      })),
      canRecord: actor.role === Role.HomeAffairs,
      action,
      year: Number(this.clock.today().slice(0, 4)),
      choices: Object.values(TaskRating).map((r) => ({ value: r, label: TASK_RATING_LABELS[r] })),
    };
  }

  /** A collective's task rating of a year, with its document (recorded again: corrected). */
  @FormPost('don-vi/:id/xep-loai', Role.HomeAffairs)
  async rateUnit(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/quan-tri/don-vi/${id}`, async () => {
      const dto = await this.forms.valid(
        TaskRatingDto,
        { rating: body.rating, reference: body.reference },
        MERIT_MESSAGES,
      );
      await this.units.rate(actor, id, parseYear(body.year), dto);
    });
    return '';
  }

  @FormPost('don-vi/:id', Role.Admin, Role.HomeAffairs)
  async updateUnit(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          UpdateUnitDto,
          {
            name: body.name,
            kind: body.kind,
            parentId: body.parentId || null,
            active: body.active === 'true',
            version: Number(body.version) || undefined,
          },
          UNIT_MESSAGES,
        );
        await this.units.update(actor, id, dto);
        return '/quan-tri/don-vi';
      },
      (errors) => this.unitForm(actor, this.forms.csrf(req), id, body, errors),
      UNIT_MESSAGES,
      [400, 409],
    );
  }

  /** A person's page: name, gender, year of birth, position and unit, edited with the version shown. */
  @Get('ca-nhan/:id')
  @Roles(Role.Admin, Role.HomeAffairs, Role.UnitOfficer)
  async personPage(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('loi') problem?: string,
  ) {
    // A refused case, rating or initiative comes back with its reason (WebForms.back).
    return this.personForm(
      actor,
      this.forms.csrf(req),
      id,
      {},
      typeof problem === 'string' && problem ? { form: problem } : {},
    );
  }

  /** The person's award record as a PDF (the API's). */
  @Get('ca-nhan/:id/khen-thuong')
  @Roles(Role.Admin, Role.HomeAffairs, Role.UnitOfficer)
  async awardRecordPdf(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const pdf = await this.records.pdf(actor, { kind: RecipientKind.Individual, personId: id });
    return inlinePdf(pdf, 'khen-thuong-ca-nhan');
  }

  /** An award decided elsewhere, recorded for the person from their page (the API's). */
  @FormPost('ca-nhan/:id/khen-thuong-khac', Role.HomeAffairs)
  async recordPersonAward(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.recordAward(actor, { kind: RecipientKind.Individual, personId: id }, body, res);
    return '';
  }

  /** An award decided elsewhere, recorded for the collective from its page (the API's). */
  @FormPost('don-vi/:id/khen-thuong-khac', Role.HomeAffairs)
  async recordUnitAward(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.recordAward(actor, { kind: RecipientKind.Collective, unitId: id }, body, res);
    return '';
  }

  private recordAward(
    actor: Actor,
    subject: Parameters<AwardRecordService['recordElsewhere']>[1],
    body: Record<string, unknown>,
    res: FastifyReply,
  ) {
    const page =
      subject.kind === RecipientKind.Individual
        ? `/quan-tri/ca-nhan/${subject.personId}`
        : `/quan-tri/don-vi/${subject.unitId}`;
    return this.forms.back(res, page, async () => {
      const dto = await this.forms.valid(
        RecordAwardDto,
        {
          formName: body.formName,
          decidedBy: body.decidedBy,
          number: body.number,
          date: body.date,
        },
        {
          formName: 'Hãy ghi hình thức khen thưởng (từ 3 ký tự).',
          decidedBy: 'Hãy ghi cơ quan hoặc người ra quyết định.',
          number: 'Hãy ghi số quyết định.',
          date: 'Ngày quyết định phải viết dạng năm-tháng-ngày (YYYY-MM-DD).',
        },
      );
      await this.records.recordElsewhere(actor, subject, dto);
    });
  }

  /** The collective's award record as a PDF (the API's). */
  @Get('don-vi/:id/khen-thuong')
  @Roles(Role.Admin, Role.HomeAffairs)
  async unitAwardRecordPdf(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const pdf = await this.records.pdf(actor, { kind: RecipientKind.Collective, unitId: id });
    return inlinePdf(pdf, 'khen-thuong-tap-the');
  }

  private async personForm(
    actor: Actor,
    csrf: string,
    id: string,
    typed: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const person = await this.people.get(actor, id);
    const value = (field: string, current: unknown) =>
      typeof typed[field] === 'string' ? typed[field] : current;
    const staff = actor.role === Role.Admin || actor.role === Role.HomeAffairs;
    const [cases, ratings, initiatives] = staff
      ? await Promise.all([
          this.people.cases(actor, id),
          this.people.ratings(actor, id),
          this.people.initiatives(actor, id),
        ])
      : [[], [], []];
    const record = await this.records.of(actor, id);
    return this.pages.page(
      actor,
      'person',
      `Cá nhân: ${person.fullName}`,
      {
        id: person.id,
        version: person.version,
        // Every award across the years, ours and decided elsewhere.
        awards: awardRows(record.lines),
        recordAward:
          actor.role === Role.HomeAffairs ? `/quan-tri/ca-nhan/${id}/khen-thuong-khac` : null,
        // The cases that refuse or hold an award (NĐ 152/2025, Điều 4): Home Affairs records and closes them.
        cases: staff && {
          canRecord: actor.role === Role.HomeAffairs,
          today: this.clock.today(),
          kinds: Object.values(CaseKind).map((k) => ({ value: k, label: CASE_KIND_LABELS[k] })),
          rows: cases.map((c) => ({
            id: c.id,
            kind: CASE_KIND_LABELS[c.kind],
            from: formatDate(c.startsOn),
            to: c.endsOn ? formatDate(c.endsOn) : null,
            reference: c.reference,
          })),
        },
        // What the annual titles rest on (Luật Thi đua, khen thưởng 2022, Điều 23-24).
        merits: staff && {
          canRecord: actor.role === Role.HomeAffairs,
          ratings: this.ratingView(actor, ratings, `/quan-tri/ca-nhan/${id}/xep-loai`),
          kinds: Object.values(InitiativeKind).map((k) => ({
            value: k,
            label: INITIATIVE_KIND_LABELS[k],
          })),
          levels: Object.entries(INITIATIVE_LEVELS).map(([value, label]) => ({ value, label })),
          initiatives: initiatives.map((x) => ({
            kind: INITIATIVE_KIND_LABELS[x.kind],
            title: x.title,
            level: INITIATIVE_LEVELS[x.level],
            on: formatDate(x.recognisedOn),
            reference: x.reference,
          })),
        },
        problem:
          errors.form ??
          (Object.keys(errors).length
            ? 'Chưa lưu được: hãy sửa các ô được ghi chú bên dưới.'
            : null),
        ...(await this.personFields(
          actor,
          {
            fullName: value('fullName', person.fullName),
            gender: value('gender', person.gender),
            birthYear: value('birthYear', String(person.birthYear)),
            position: value('position', person.position ?? ''),
            unitId: value('unitId', person.unitId),
          },
          errors,
        )),
      },
      csrf,
    );
  }

  /** What the person fields show: the values, the choices, the errors. */
  private async personFields(
    actor: Actor,
    v: Record<string, unknown>,
    errors: Record<string, string>,
    known?: Unit[],
  ) {
    const units = known ?? (await this.units.visibleTo(actor));
    return {
      errors,
      fullName: v.fullName ?? '',
      birthYear: v.birthYear ?? '',
      position: v.position ?? '',
      genders: Object.values(Gender).map((g) => ({
        value: g,
        label: GENDER_LABELS[g],
        checked: g === v.gender,
      })),
      units: units
        .filter((u) => actor.role !== Role.UnitOfficer || u.id === actor.unitId)
        .map((u) => option(u.id, u.name, v.unitId)),
    };
  }

  @FormPost('ca-nhan/:id', Role.Admin, Role.HomeAffairs, Role.UnitOfficer)
  async updatePerson(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          UpdatePersonDto,
          { ...personInput(body), version: Number(body.version) || undefined },
          PERSON_MESSAGES,
        );
        const person = await this.people.update(actor, id, dto);
        return `/quan-tri/ca-nhan?${new URLSearchParams({ q: person.fullName })}`;
      },
      (errors) => this.personForm(actor, this.forms.csrf(req), id, body, errors),
      PERSON_MESSAGES,
      [400, 409],
    );
  }

  @FormPost('ca-nhan/:id/vu-viec', Role.HomeAffairs)
  async addCase(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.onPersonPage(res, id, CreatePersonCaseDto, CASE_MESSAGES, {
      input: {
        kind: body.kind,
        startsOn: body.startsOn,
        endsOn: body.endsOn || null,
        reference: body.reference,
      },
      apply: (dto) => this.people.addCase(actor, id, dto),
    });
  }

  /** The task rating of a year (recorded again: corrected), with its document. */
  @FormPost('ca-nhan/:id/xep-loai', Role.HomeAffairs)
  async rate(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.onPersonPage(res, id, TaskRatingDto, MERIT_MESSAGES, {
      input: { rating: body.rating, reference: body.reference },
      apply: (dto) => this.people.rate(actor, id, parseYear(body.year), dto),
    });
  }

  @FormPost('ca-nhan/:id/sang-kien', Role.HomeAffairs)
  async addInitiative(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.onPersonPage(res, id, CreatePersonInitiativeDto, MERIT_MESSAGES, {
      input: {
        kind: body.kind,
        title: body.title,
        level: body.level,
        recognisedOn: body.recognisedOn,
        reference: body.reference,
      },
      apply: (dto) => this.people.addInitiative(actor, id, dto),
    });
  }

  /**
   * A form of the person's page (a case, a rating, an initiative): the input
   * validated, the change applied, back to the page (with the reason when refused).
   */
  private async onPersonPage<T extends object>(
    res: FastifyReply,
    id: string,
    dto: new () => T,
    messages: Record<string, string>,
    change: { input: Record<string, unknown>; apply: (dto: T) => Promise<unknown> },
  ): Promise<string> {
    await this.forms.back(res, `/quan-tri/ca-nhan/${id}`, async () =>
      change.apply(await this.forms.valid(dto, change.input, messages)),
    );
    return '';
  }

  @FormPost('ca-nhan/:id/vu-viec/:caseId/ket-thuc', Role.HomeAffairs)
  async closeCase(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('caseId') caseId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/quan-tri/ca-nhan/${id}`, async () => {
      const dto = await this.forms.valid(
        ClosePersonCaseDto,
        { endsOn: body.endsOn },
        CASE_MESSAGES,
      );
      await this.people.closeCase(actor, id, caseId, dto.endsOn);
    });
    return '';
  }

  @Get('ca-nhan')
  @Roles(Role.Admin, Role.HomeAffairs, Role.UnitOfficer)
  async peoplePage(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    return this.peopleForm(actor, this.forms.csrf(req), raw, {}, {});
  }

  private async peopleForm(
    actor: Actor,
    csrf: string,
    raw: Record<string, unknown>,
    typed: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const given = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => v !== '' && ['q', 'unitId', 'offset'].includes(k)),
    );
    const query = await this.forms.valid(PersonQueryDto, given);
    const [page, units] = await Promise.all([
      this.people.list(actor, { ...query, sort: 'name', order: 'asc' } as never),
      this.units.visibleTo(actor),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return this.pages.page(
      actor,
      'people',
      'Cá nhân',
      {
        q: query.q ?? '',
        problem: Object.keys(errors).length
          ? (errors.form ?? 'Chưa thêm được: hãy sửa các ô được ghi chú bên dưới.')
          : null,
        total: page.total,
        rows: page.items.map((p) => ({
          id: p.id,
          fullName: p.fullName,
          position: p.position ?? '',
          unit: unitName.get(p.unitId) ?? '',
          birthYear: p.birthYear,
          gender: GENDER_LABELS[p.gender],
        })),
        pager: pager('/quan-tri/ca-nhan', given, page),
        ...(await this.personFields(actor, typed, errors, units)),
      },
      csrf,
    );
  }

  @FormPost('ca-nhan', Role.Admin, Role.HomeAffairs, Role.UnitOfficer)
  async createPerson(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(CreatePersonDto, personInput(body), PERSON_MESSAGES);
        const person = await this.people.create(actor, dto);
        return `/quan-tri/ca-nhan?${new URLSearchParams({ q: person.fullName })}`;
      },
      (errors) => this.peopleForm(actor, this.forms.csrf(req), {}, body, errors),
      PERSON_MESSAGES,
      [400, 409],
    );
  }
}

/** A record's lines as its table shows them. */
function awardRows(lines: AwardRecordLine[]) {
  return lines.map((l) => ({
    ...l,
    decisionDate: formatDate(l.decisionDate),
    note: l.status ?? 'Do cấp khác quyết định',
  }));
}
