import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { foldForSearch } from '../common/text/fold';
import { Db } from '../database/transactions';
import { UnitsService } from '../units/units.service';
import { PeopleService } from '../people/people.service';
import { AwardsService, recordedKey } from '../awards/awards.service';
import { Gender, type Person } from '../people/person.entity';
import { type Unit, UNIT_KIND_LABELS, UnitKind } from '../units/unit.entity';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import type { RecordedAward } from '../awards/recorded-award.entity';
import { Cell, readSheet, SheetRow } from './sheet-reader';

/** The people import's layout: the template's columns, in this order. */
/** A cell as text, trimmed, its inner spaces single ("" when empty). */
const text = (c: Cell) => (c === null ? '' : String(c).trim().replace(/\s+/g, ' '));

/**
 * The rows of a file to check, each with a `bad` that records a reason for
 * one of its columns and `failed` that says whether any was; a row holding a
 * formula is reported for it alone (its value is not read) and skipped.
 */
export function* checked<C extends { key: string; header: string }>(
  rows: (SheetRow & { formulas: number[] })[],
  columns: readonly C[],
  errors: FieldDetail[],
) {
  for (const { row, cells, formulas } of rows) {
    const bad = (column: C, reason: string) => errors.push(rowError(row, column, reason));
    for (const i of formulas) bad(columns[i], 'ô chứa công thức; hãy nhập giá trị.');
    if (formulas.length) continue;
    yield { row, cells, bad, failed: () => errors.some((e) => e.field.startsWith(`rows.${row}.`)) };
  }
}

export const UNIT_COLUMNS = [
  { key: 'code', header: 'Mã đơn vị', width: 16 },
  { key: 'name', header: 'Tên đơn vị', width: 44 },
  { key: 'kind', header: 'Loại đơn vị', width: 28 },
  { key: 'parentCode', header: 'Mã đơn vị cấp trên', width: 18 },
] as const;

export const AWARD_COLUMNS = [
  { key: 'kind', header: 'Đối tượng', width: 14 },
  { key: 'name', header: 'Họ và tên, tên tập thể, hộ gia đình', width: 34 },
  { key: 'unitCode', header: 'Mã đơn vị', width: 16 },
  { key: 'birthYear', header: 'Năm sinh (cá nhân)', width: 12 },
  { key: 'form', header: 'Hình thức khen thưởng', width: 42 },
  { key: 'decisionNumber', header: 'Số quyết định', width: 16 },
  { key: 'decisionDate', header: 'Ngày quyết định', width: 16 },
  { key: 'decidedBy', header: 'Cấp quyết định', width: 30 },
] as const;

/** "20/12/2025" or "2025-12-20" (or a date cell) → "2025-12-20"; null when it is not a real date. */
function dateOf(value: Cell): string | null {
  const text = value === null ? '' : String(value).trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? null;
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export const PEOPLE_COLUMNS = [
  { key: 'unitCode', header: 'Mã đơn vị', width: 16 },
  { key: 'fullName', header: 'Họ và tên', width: 30 },
  { key: 'gender', header: 'Giới tính', width: 10 },
  { key: 'birthYear', header: 'Năm sinh', width: 10 },
  { key: 'position', header: 'Chức vụ', width: 30 },
] as const;

/** The imports offered, by the name in their route: the template's file name and what it holds. */
export const IMPORT_KINDS = {
  units: { file: 'mau-nhap-don-vi', label: 'Đơn vị', what: 'đơn vị' },
  people: { file: 'mau-nhap-ca-nhan', label: 'Cá nhân', what: 'người' },
  awards: {
    file: 'mau-nhap-khen-thuong',
    label: 'Khen thưởng các năm trước',
    what: 'lượt khen thưởng',
  },
} as const;

export type ImportKind = keyof typeof IMPORT_KINDS;

/** What an import found: the rows, what it creates, what was there already, every bad row. */
export interface ImportReport {
  dryRun: boolean;
  rows: number;
  /** People created (or, in a preview, that would be). */
  created: number;
  /** Rows whose person is already recorded (same unit, name and year of birth): left as they are. */
  existing: number;
  errors: FieldDetail[];
  /** The columns of the preview, then the first records to create, as a preview shows them. */
  previewColumns: string[];
  preview: { row: number; values: string[] }[];
}

/** What checking a file's rows found: the records to create, what exists, every bad row. */
interface Plan<T> {
  rows: number;
  create: (T & { row: number })[];
  existing: number;
  errors: FieldDetail[];
}

/** A bad row's detail: its row, column and reason, in Vietnamese. */
export const rowError = (
  row: number,
  column: { key: string; header: string },
  reason: string,
): FieldDetail => ({
  field: `rows.${row}.${column.key}`,
  code: 'row',
  message: `Dòng ${row}, cột "${column.header}": ${reason}`,
});

const GENDERS: Record<string, Gender> = { nam: Gender.Male, nữ: Gender.Female, nu: Gender.Female };

/**
 * Imports from the XLSX layouts offices keep, validated row by row: a file
 * with any bad row imports nothing and names each row, column and reason; a
 * valid file imports in one transaction; a row already recorded (its natural
 * key) is left alone, so importing the same file again changes nothing.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly unitsService: UnitsService,
    private readonly peopleService: PeopleService,
    private readonly awardsService: AwardsService,
  ) {}

  /** The authority's units by code (upper case), as files name them. */
  private async unitsByCode(authorityId: string): Promise<Map<string, Unit>> {
    return new Map(
      (await this.unitsService.allOf(authorityId)).map((u) => [u.code.toUpperCase(), u]),
    );
  }

  /** The template of an import kind, to fill. */
  template(actor: Actor, kind: ImportKind): Promise<Buffer> {
    return kind === 'units'
      ? this.unitsTemplate()
      : kind === 'awards'
        ? this.awardsTemplate()
        : this.peopleTemplate(actor);
  }

  /** Imports (or, `dryRun`, previews) a filled template of an import kind. */
  run(actor: Actor, kind: ImportKind, file: Buffer, dryRun: boolean): Promise<ImportReport> {
    return this[kind](actor, file, dryRun);
  }

  /** The template to fill: the header row, and a second sheet with the instructions and the unit codes. */
  async peopleTemplate(actor: Actor): Promise<Buffer> {
    const units = (await this.unitsService.allOf(authorityScope(actor))).filter((u) => u.active);
    const book = new Workbook();
    const sheet = book.addWorksheet('Cá nhân', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = PEOPLE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    const help = book.addWorksheet('Hướng dẫn');
    help.columns = [
      { header: 'Mã đơn vị', key: 'code', width: 18 },
      { header: 'Tên đơn vị', key: 'name', width: 50 },
    ];
    help.getRow(1).font = { bold: true };
    for (const u of units) help.addRow({ code: u.code, name: u.name });
    help.addRow({});
    help.addRow({
      code: 'Ghi chú',
      name: 'Mỗi dòng một người; Giới tính: Nam hoặc Nữ; Năm sinh: 4 chữ số; Chức vụ: có thể để trống. Không dùng công thức.',
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** Imports (or, `dryRun`, previews) the people of a filled template. */
  async people(actor: Actor, file: Buffer, dryRun: boolean): Promise<ImportReport> {
    const authorityId = authorityScope(actor);
    const rows = await readSheet(
      file,
      PEOPLE_COLUMNS.map((c) => c.header),
    );
    const units = await this.unitsByCode(authorityId);
    const known = await this.peopleService.keysOf(authorityId);
    const lastYear = Number(this.clock.today().slice(0, 4)) - 15;
    const errors: FieldDetail[] = [];
    const toCreate: (Partial<Person> & { row: number; unitName: string })[] = [];
    const seen = new Map<string, number>();
    let existing = 0;
    for (const { row, cells, bad, failed } of checked(rows, PEOPLE_COLUMNS, errors)) {
      const [code, name, gender, year, position] = cells;
      const unit = units.get(text(code).toUpperCase());
      if (!text(code)) bad(PEOPLE_COLUMNS[0], 'chưa ghi mã đơn vị.');
      else if (!unit)
        bad(
          PEOPLE_COLUMNS[0],
          `không có đơn vị mã "${text(code)}" trong cơ quan (xem trang "Hướng dẫn" của tệp mẫu).`,
        );
      const fullName = text(name);
      if (fullName.length < 2 || fullName.length > 120)
        bad(PEOPLE_COLUMNS[1], 'họ và tên từ 2 đến 120 ký tự.');
      const g = GENDERS[text(gender).toLocaleLowerCase('vi')];
      if (!g) bad(PEOPLE_COLUMNS[2], 'ghi "Nam" hoặc "Nữ".');
      const birthYear =
        typeof year === 'number' ? year : /^\d{4}$/.test(text(year)) ? Number(text(year)) : NaN;
      if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > lastYear)
        bad(PEOPLE_COLUMNS[3], `năm sinh là số có 4 chữ số, từ 1900 đến ${lastYear}.`);
      if (text(position).length > 200) bad(PEOPLE_COLUMNS[4], 'chức vụ tối đa 200 ký tự.');
      if (!unit || !g || failed()) continue;
      const key = `${unit.id}|${foldForSearch(fullName)}|${birthYear}`;
      const first = seen.get(key);
      if (first) {
        bad(PEOPLE_COLUMNS[1], `trùng với dòng ${first} (cùng đơn vị, họ tên và năm sinh).`);
        continue;
      }
      seen.set(key, row);
      if (known.has(key)) {
        existing++;
        continue;
      }
      toCreate.push({
        row,
        unitName: unit.name,
        authorityId,
        unitId: unit.id,
        fullName,
        searchName: foldForSearch(fullName),
        gender: g,
        birthYear,
        position: text(position),
      });
    }
    return this.finish(actor, { rows: rows.length, create: toCreate, existing, errors }, dryRun, {
      action: 'import.people',
      what: 'người',
      previewColumns: ['Họ và tên', 'Giới tính', 'Năm sinh', 'Đơn vị'],
      preview: (p) => [
        p.fullName!,
        p.gender === Gender.Male ? 'Nam' : 'Nữ',
        String(p.birthYear),
        p.unitName,
      ],
      write: async (batch) => {
        await this.peopleService.insertMany(batch.map(({ row: _r, unitName: _u, ...p }) => p));
      },
    });
  }

  /** The template of the units import: the header row, and the kinds of unit to choose from. */
  async unitsTemplate(): Promise<Buffer> {
    const book = new Workbook();
    const sheet = book.addWorksheet('Đơn vị', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = UNIT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    const help = book.addWorksheet('Hướng dẫn');
    help.columns = [
      { header: 'Loại đơn vị (ghi đúng một trong các dòng)', key: 'kind', width: 50 },
    ];
    help.getRow(1).font = { bold: true };
    for (const label of Object.values(UNIT_KIND_LABELS)) help.addRow({ kind: label });
    help.addRow({});
    help.addRow({
      kind: 'Mã đơn vị: chữ không dấu, số, dấu chấm, gạch ngang; cấp trên: mã của một đơn vị đã có hoặc trong tệp.',
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /**
   * Imports (or previews) the units of a filled template: a unit's parent is a
   * unit already recorded or one of the file; a code already recorded is left alone.
   */
  async units(actor: Actor, file: Buffer, dryRun: boolean): Promise<ImportReport> {
    const authorityId = authorityScope(actor);
    const rows = await readSheet(
      file,
      UNIT_COLUMNS.map((c) => c.header),
    );
    const known = await this.unitsByCode(authorityId);
    const kinds = new Map(
      Object.entries(UNIT_KIND_LABELS).map(([k, label]) => [
        label.toLocaleLowerCase('vi'),
        k as UnitKind,
      ]),
    );
    const inFile = new Map<string, number>();
    for (const { row, cells } of rows) {
      const code = cells[0] === null ? '' : String(cells[0]).trim().toUpperCase();
      if (code && !inFile.has(code)) inFile.set(code, row);
    }
    const errors: FieldDetail[] = [];
    const toCreate: (Partial<Unit> & { row: number; parentCode: string | null })[] = [];
    let existing = 0;
    for (const { row, cells, bad, failed } of checked(rows, UNIT_COLUMNS, errors)) {
      const code = text(cells[0]);
      const name = text(cells[1]);
      const kind = kinds.get(text(cells[2]).toLocaleLowerCase('vi'));
      const parentCode = text(cells[3]).toUpperCase() || null;
      if (!/^[A-Za-z0-9._-]{2,40}$/.test(code))
        bad(
          UNIT_COLUMNS[0],
          'mã từ 2 đến 40 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
        );
      else if (inFile.get(code.toUpperCase()) !== row)
        bad(UNIT_COLUMNS[0], `trùng mã với dòng ${inFile.get(code.toUpperCase())}.`);
      if (name.length < 2 || name.length > 200) bad(UNIT_COLUMNS[1], 'tên từ 2 đến 200 ký tự.');
      if (!kind)
        bad(UNIT_COLUMNS[2], `ghi một trong: ${Object.values(UNIT_KIND_LABELS).join('; ')}.`);
      if (parentCode && parentCode === code.toUpperCase())
        bad(UNIT_COLUMNS[3], 'đơn vị không là cấp trên của chính mình.');
      else if (parentCode && !known.has(parentCode) && !inFile.has(parentCode))
        bad(UNIT_COLUMNS[3], `không có đơn vị mã "${parentCode}" trong cơ quan hay trong tệp.`);
      if (failed()) continue;
      if (known.has(code.toUpperCase())) {
        existing++;
        continue;
      }
      toCreate.push({
        row,
        authorityId,
        code,
        name,
        searchName: foldForSearch(name),
        kind: kind!,
        parentCode,
        parentId: null,
        clusterId: null,
        active: true,
      });
    }
    return this.finish(actor, { rows: rows.length, create: toCreate, existing, errors }, dryRun, {
      action: 'import.units',
      what: 'đơn vị',
      previewColumns: ['Mã', 'Tên đơn vị', 'Loại', 'Cấp trên'],
      preview: (u) => [u.code!, u.name!, UNIT_KIND_LABELS[u.kind!], u.parentCode ?? ''],
      write: async (batch) => {
        await this.unitsService.insertTree(
          batch.map(({ row: _r, ...u }) => u),
          new Map([...known].map(([code, u]) => [code, u.id])),
        );
      },
    });
  }

  /** The template of the earlier awards import. */
  async awardsTemplate(): Promise<Buffer> {
    const book = new Workbook();
    const sheet = book.addWorksheet('Khen thưởng', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = AWARD_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    const help = book.addWorksheet('Hướng dẫn');
    help.columns = [{ header: 'Cách ghi', key: 'text', width: 100 }];
    help.getRow(1).font = { bold: true };
    for (const text of [
      'Mỗi dòng một đối tượng được khen thưởng. Đối tượng: Cá nhân, Tập thể hoặc Hộ gia đình.',
      'Cá nhân: ghi Mã đơn vị và Năm sinh như trong danh sách cá nhân đã nhập (nhập danh sách cá nhân trước).',
      'Tập thể: Mã đơn vị là mã của tập thể được khen. Hộ gia đình: Mã đơn vị là đơn vị (xã) của hộ.',
      'Ngày quyết định: dd/mm/yyyy. Cấp quyết định: ví dụ "Chủ tịch UBND huyện Tứ Kỳ".',
    ])
      help.addRow({ text });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /**
   * Imports (or previews) earlier awards, one row per awardee: a person is
   * matched to the authority's records by unit, name and year of birth; an
   * award already recorded (same awardee, form, decision number and date) is
   * left alone. They count in the award history.
   */
  async awards(actor: Actor, file: Buffer, dryRun: boolean): Promise<ImportReport> {
    const authorityId = authorityScope(actor);
    const rows = await readSheet(
      file,
      AWARD_COLUMNS.map((c) => c.header),
    );
    const units = await this.unitsByCode(authorityId);
    const people = await this.peopleService.keysOf(authorityId);
    const lawTitles = new Map(
      (await this.awardsService.list(actor))
        .filter((f) => f.lawTitle)
        .map((f) => [f.name.toLocaleLowerCase('vi'), f.lawTitle]),
    );
    const known = await this.awardsService.recordedKeysOf(authorityId);
    const kinds = new Map(
      Object.entries(RECIPIENT_KIND_LABELS).map(([k, label]) => [
        label.toLocaleLowerCase('vi'),
        k as RecipientKind,
      ]),
    );
    const today = this.clock.today();
    const errors: FieldDetail[] = [];
    const toCreate: (Partial<RecordedAward> & { row: number; unitName: string })[] = [];
    const seen = new Map<string, number>();
    let existing = 0;
    for (const { row, cells, bad, failed } of checked(rows, AWARD_COLUMNS, errors)) {
      const [kindCell, nameCell, codeCell, yearCell, formCell, numberCell, dateCell, byCell] =
        cells;
      const kind = kinds.get(text(kindCell).toLocaleLowerCase('vi'));
      if (!kind) bad(AWARD_COLUMNS[0], 'ghi "Cá nhân", "Tập thể" hoặc "Hộ gia đình".');
      const name = text(nameCell);
      if (name.length < 2 || name.length > 300) bad(AWARD_COLUMNS[1], 'tên từ 2 đến 300 ký tự.');
      const unit = units.get(text(codeCell).toUpperCase());
      if (!unit) bad(AWARD_COLUMNS[2], `không có đơn vị mã "${text(codeCell)}" trong cơ quan.`);
      let personId: string | null = null;
      if (kind === RecipientKind.Individual && unit) {
        const year = Number(text(yearCell));
        if (!/^\d{4}$/.test(text(yearCell)))
          bad(AWARD_COLUMNS[3], 'cá nhân cần năm sinh 4 chữ số.');
        else {
          personId = people.get(`${unit.id}|${foldForSearch(name)}|${year}`) ?? null;
          if (!personId)
            bad(
              AWARD_COLUMNS[1],
              `không có cá nhân "${name}" sinh năm ${year} ở ${unit.name} (hãy nhập danh sách cá nhân trước).`,
            );
        }
      }
      const form = text(formCell);
      if (form.length < 3 || form.length > 200)
        bad(AWARD_COLUMNS[4], 'hình thức từ 3 đến 200 ký tự.');
      const number = text(numberCell);
      if (number.length < 1 || number.length > 60)
        bad(AWARD_COLUMNS[5], 'ghi số quyết định, ví dụ 15/QĐ-UBND.');
      const date = dateOf(dateCell);
      if (!date || date > today)
        bad(AWARD_COLUMNS[6], 'ngày quyết định có thật, dạng dd/mm/yyyy, không sau hôm nay.');
      const decidedBy = text(byCell);
      if (decidedBy.length < 2 || decidedBy.length > 200)
        bad(AWARD_COLUMNS[7], 'ghi cấp quyết định, ví dụ "Chủ tịch UBND huyện".');
      if (failed()) continue;
      const key = recordedKey(foldForSearch(name), form, number, date!);
      const first = seen.get(key);
      if (first) {
        bad(AWARD_COLUMNS[1], `trùng với dòng ${first} (cùng đối tượng, hình thức và quyết định).`);
        continue;
      }
      seen.set(key, row);
      if (known.has(key)) {
        existing++;
        continue;
      }
      toCreate.push({
        row,
        unitName: unit!.name,
        authorityId,
        recipientKind: kind!,
        personId,
        unitId: unit!.id,
        awardeeName: name,
        searchName: foldForSearch(name),
        formName: form,
        lawTitle: lawTitles.get(form.toLocaleLowerCase('vi')) ?? null,
        decisionNumber: number,
        decisionDate: date!,
        decidedBy,
        year: Number(date!.slice(0, 4)),
      });
    }
    return this.finish(actor, { rows: rows.length, create: toCreate, existing, errors }, dryRun, {
      action: 'import.awards',
      what: 'lượt khen thưởng',
      previewColumns: ['Được khen thưởng', 'Đơn vị', 'Hình thức', 'Quyết định'],
      preview: (a) => [
        a.awardeeName!,
        a.unitName,
        a.formName!,
        `${a.decisionNumber} ngày ${a.decisionDate!.split('-').reverse().join('/')}`,
      ],
      write: async (batch) => {
        await this.awardsService.insertRecorded(batch.map(({ row: _r, unitName: _u, ...a }) => a));
      },
    });
  }

  /**
   * A checked file: its report, and unless it is a preview or has a bad row,
   * its records written in one transaction (in batches), audited.
   */
  private async finish<T>(
    actor: Actor,
    plan: Plan<T>,
    dryRun: boolean,
    how: {
      action: string;
      what: string;
      previewColumns: string[];
      preview: (record: T & { row: number }) => string[];
      write: (batch: (T & { row: number })[]) => Promise<void>;
      /** Records written per statement (default 1000). */
      batch?: number;
    },
  ): Promise<ImportReport> {
    const report: ImportReport = {
      dryRun,
      rows: plan.rows,
      created: plan.create.length,
      existing: plan.existing,
      errors: plan.errors,
      previewColumns: how.previewColumns,
      preview: plan.create.slice(0, 50).map((r) => ({ row: r.row, values: how.preview(r) })),
    };
    if (dryRun) return report;
    if (plan.errors.length)
      throw AppError.badRequest(
        `Tệp có ${plan.errors.length} lỗi; chưa nhập dòng nào. Hãy sửa các dòng được nêu rồi nhập lại.`,
        plan.errors,
      );
    await this.db.withTransaction(async () => {
      const size = how.batch ?? 1000;
      for (let i = 0; i < plan.create.length; i += size)
        await how.write(plan.create.slice(i, i + size));
      await this.audit.record(
        actor,
        how.action,
        { type: 'authority', id: authorityScope(actor) },
        {
          [how.action]: {
            from: null,
            to: `${plan.create.length} ${how.what} mới, ${plan.existing} đã có, từ ${plan.rows} dòng`,
          },
        },
      );
    });
    return report;
  }
}
