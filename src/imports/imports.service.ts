import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { Actor, authorityScope } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { foldForSearch } from '../common/text/fold';
import { Db } from '../database/transactions';
import { Gender, Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Cell, readSheet } from './sheet-reader';

/** The people import's layout: the template's columns, in this order. */
export const PEOPLE_COLUMNS = [
  { key: 'unitCode', header: 'Mã đơn vị', width: 16 },
  { key: 'fullName', header: 'Họ và tên', width: 30 },
  { key: 'gender', header: 'Giới tính', width: 10 },
  { key: 'birthYear', header: 'Năm sinh', width: 10 },
  { key: 'position', header: 'Chức vụ', width: 30 },
] as const;

type Column = (typeof PEOPLE_COLUMNS)[number];

/** What an import found: the rows, what it creates, what was there already, every bad row. */
export interface ImportReport {
  dryRun: boolean;
  rows: number;
  /** People created (or, in a preview, that would be). */
  created: number;
  /** Rows whose person is already recorded (same unit, name and year of birth): left as they are. */
  existing: number;
  errors: FieldDetail[];
  /** The first people to create, as a preview shows them. */
  preview: { row: number; unit: string; fullName: string; gender: string; birthYear: number }[];
}

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
  ) {}

  /** The template to fill: the header row, and a second sheet with the instructions and the unit codes. */
  async peopleTemplate(actor: Actor): Promise<Buffer> {
    const units = await this.db.tx.find(Unit, {
      where: { authorityId: authorityScope(actor), active: true },
      order: { code: 'ASC' },
    });
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
    const units = new Map(
      (await this.db.tx.find(Unit, { where: { authorityId } })).map((u) => [
        u.code.toUpperCase(),
        u,
      ]),
    );
    const known = new Set(
      (
        await this.db.tx.query(
          'SELECT unit_id AS "unitId", search_name AS name, birth_year AS year FROM people WHERE authority_id = $1',
          [authorityId],
        )
      ).map(
        (p: { unitId: string; name: string; year: number }) => `${p.unitId}|${p.name}|${p.year}`,
      ),
    );
    const lastYear = Number(this.clock.today().slice(0, 4)) - 15;
    const errors: FieldDetail[] = [];
    const toCreate: (Partial<Person> & { row: number; unitName: string })[] = [];
    const seen = new Map<string, number>();
    let existing = 0;
    for (const { row, cells, formulas } of rows) {
      const bad = (column: Column, reason: string) =>
        errors.push({
          field: `rows.${row}.${column.key}`,
          code: 'row',
          message: `Dòng ${row}, cột "${column.header}": ${reason}`,
        });
      for (const i of formulas) bad(PEOPLE_COLUMNS[i], 'ô chứa công thức; hãy nhập giá trị.');
      // A formula's value is not read: the row is reported for it alone.
      if (formulas.length) continue;
      const [code, name, gender, year, position] = cells;
      const text = (c: Cell) => (c === null ? '' : String(c).trim());
      const unit = units.get(text(code).toUpperCase());
      if (!text(code)) bad(PEOPLE_COLUMNS[0], 'chưa ghi mã đơn vị.');
      else if (!unit)
        bad(
          PEOPLE_COLUMNS[0],
          `không có đơn vị mã "${text(code)}" trong cơ quan (xem trang "Hướng dẫn" của tệp mẫu).`,
        );
      const fullName = text(name).replace(/\s+/g, ' ');
      if (fullName.length < 2 || fullName.length > 120)
        bad(PEOPLE_COLUMNS[1], 'họ và tên từ 2 đến 120 ký tự.');
      const g = GENDERS[text(gender).toLocaleLowerCase('vi')];
      if (!g) bad(PEOPLE_COLUMNS[2], 'ghi "Nam" hoặc "Nữ".');
      const birthYear =
        typeof year === 'number' ? year : /^\d{4}$/.test(text(year)) ? Number(text(year)) : NaN;
      if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > lastYear)
        bad(PEOPLE_COLUMNS[3], `năm sinh là số có 4 chữ số, từ 1900 đến ${lastYear}.`);
      if (text(position).length > 200) bad(PEOPLE_COLUMNS[4], 'chức vụ tối đa 200 ký tự.');
      if (!unit || !g || errors.some((e) => e.field.startsWith(`rows.${row}.`))) continue;
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
    const report: ImportReport = {
      dryRun,
      rows: rows.length,
      created: toCreate.length,
      existing,
      errors,
      preview: toCreate.slice(0, 50).map((p) => ({
        row: p.row,
        unit: p.unitName,
        fullName: p.fullName!,
        gender: p.gender === Gender.Male ? 'Nam' : 'Nữ',
        birthYear: p.birthYear!,
      })),
    };
    if (dryRun) return report;
    if (errors.length)
      throw AppError.badRequest(
        `Tệp có ${errors.length} lỗi; chưa nhập dòng nào. Hãy sửa các dòng được nêu rồi nhập lại.`,
        errors,
      );
    await this.db.withTransaction(async () => {
      for (let i = 0; i < toCreate.length; i += 1000)
        await this.db.tx.insert(
          Person,
          toCreate.slice(i, i + 1000).map(({ row: _r, unitName: _u, ...p }) => p),
        );
      await this.audit.record(
        actor,
        'import.people',
        { type: 'authority', id: authorityId },
        {
          people: {
            from: null,
            to: `${toCreate.length} người mới, ${existing} đã có, từ ${rows.length} dòng`,
          },
        },
      );
    });
    return report;
  }
}
