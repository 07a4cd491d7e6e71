import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { Actor, authorityScope } from '../access/actor';
import { RECIPIENT_KIND_LABELS, RecipientKind } from '../awards/award-form.entity';
import { AwardsService } from '../awards/awards.service';
import { AppError, FieldDetail } from '../common/errors/app-error';
import { foldForSearch } from '../common/text/fold';
import { Db } from '../database/transactions';
import { checked, ImportReport, rowError } from '../imports/imports.service';
import { Cell, readSheet } from '../imports/sheet-reader';
import { PeopleService } from '../people/people.service';
import { UnitsService } from '../units/units.service';
import { AddNomineeDto } from './dossiers.dto';
import { DossiersService } from './dossiers.service';

/** The nominees template's columns, in this order. */
export const NOMINEE_COLUMNS = [
  { key: 'kind', header: 'Đối tượng', width: 14 },
  { key: 'name', header: 'Họ và tên, tên tập thể, hộ gia đình', width: 36 },
  { key: 'birthYear', header: 'Năm sinh (cá nhân)', width: 12 },
  { key: 'unitCode', header: 'Mã đơn vị (tập thể)', width: 16 },
  { key: 'form', header: 'Hình thức khen thưởng', width: 44 },
  { key: 'achievement', header: 'Tóm tắt thành tích', width: 60 },
] as const;

const KINDS = new Map(
  Object.entries(RECIPIENT_KIND_LABELS).map(([kind, label]) => [
    foldForSearch(label),
    kind as RecipientKind,
  ]),
);

const text = (c: Cell) => (c === null ? '' : String(c).trim().replace(/\s+/g, ' '));

/** Which column a refusal of the nominee's own checks is about. */
const COLUMN_OF: Record<string, (typeof NOMINEE_COLUMNS)[number]> = {
  personId: NOMINEE_COLUMNS[1],
  collectiveUnitId: NOMINEE_COLUMNS[3],
  household: NOMINEE_COLUMNS[1],
  awardFormId: NOMINEE_COLUMNS[4],
  achievementSummary: NOMINEE_COLUMNS[5],
};

/** Thrown inside the transaction to undo a preview or a file with bad rows. */
class Undo extends Error {}

/**
 * A unit's nominees from the template it downloads, into a draft dossier:
 * people matched to the authority's records by name and year of birth,
 * collectives by unit code, households by name; each row added exactly as the
 * API adds a nominee (same checks), all in one transaction, undone when any
 * row is refused (every bad row named with its column and reason) or when
 * only previewing.
 */
@Injectable()
export class NomineeImportService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersService,
    private readonly people: PeopleService,
    private readonly units: UnitsService,
    private readonly awards: AwardsService,
  ) {}

  /** The template: the header row, and the forms and kinds to write on a second sheet. */
  async template(actor: Actor): Promise<Buffer> {
    const book = new Workbook();
    const sheet = book.addWorksheet('Đối tượng', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = NOMINEE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    const help = book.addWorksheet('Hướng dẫn');
    help.columns = [
      { header: 'Hình thức khen thưởng (ghi đúng tên)', key: 'form', width: 60 },
      { header: 'Đối tượng', key: 'kinds', width: 30 },
    ];
    help.getRow(1).font = { bold: true };
    for (const f of (await this.awards.list(actor)).filter((f) => f.active))
      help.addRow({
        form: f.name,
        kinds: f.recipientKinds.map((k) => RECIPIENT_KIND_LABELS[k]).join(', '),
      });
    help.addRow({});
    help.addRow({
      form: 'Mỗi dòng một đối tượng. Đối tượng: Cá nhân, Tập thể hoặc Hộ gia đình. Cá nhân: họ tên và năm sinh như trong danh sách cá nhân; Tập thể: mã đơn vị; Hộ gia đình: tên chủ hộ và địa chỉ. Không dùng công thức.',
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  async run(actor: Actor, dossierId: string, file: Buffer, dryRun: boolean): Promise<ImportReport> {
    const authorityId = authorityScope(actor);
    const dossier = await this.dossiers.detail(actor, dossierId);
    const rows = await readSheet(
      file,
      NOMINEE_COLUMNS.map((c) => c.header),
    );
    const people = await this.people.keysOf(authorityId);
    const units = new Map(
      (await this.units.allOf(authorityId)).map((u) => [u.code.toUpperCase(), u]),
    );
    const forms = new Map((await this.awards.list(actor)).map((f) => [foldForSearch(f.name), f]));
    const errors: FieldDetail[] = [];
    const parsed: { row: number; dto: AddNomineeDto; preview: string[] }[] = [];
    for (const { row, cells, bad, failed } of checked(rows, NOMINEE_COLUMNS, errors)) {
      const [kindCell, nameCell, yearCell, codeCell, formCell, achievementCell] = cells;
      const kind = KINDS.get(foldForSearch(text(kindCell)));
      if (!kind) bad(NOMINEE_COLUMNS[0], 'ghi "Cá nhân", "Tập thể" hoặc "Hộ gia đình".');
      const name = text(nameCell);
      const form = forms.get(foldForSearch(text(formCell)));
      if (!form)
        bad(
          NOMINEE_COLUMNS[4],
          `không có hình thức "${text(formCell)}" (xem trang "Hướng dẫn" của tệp mẫu).`,
        );
      const achievement = text(achievementCell);
      if (achievement.length < 10) bad(NOMINEE_COLUMNS[5], 'tóm tắt thành tích từ 10 ký tự.');
      const dto: Partial<AddNomineeDto> = {
        kind,
        awardFormId: form?.id,
        achievementSummary: achievement,
      };
      if (kind === RecipientKind.Individual) {
        const year = Number(text(yearCell));
        if (!Number.isInteger(year) || year < 1900)
          bad(NOMINEE_COLUMNS[2], 'năm sinh là số có 4 chữ số.');
        // The dossier's unit first, else the one person of that name and year in the authority.
        const key = `|${foldForSearch(name)}|${year}`;
        const matches = [...people].filter(([k]) => k.endsWith(key));
        const own = people.get(`${dossier.unitId}${key}`);
        const personId = own ?? (matches.length === 1 ? matches[0][1] : undefined);
        if (!failed() && !personId)
          bad(
            NOMINEE_COLUMNS[1],
            matches.length > 1
              ? `có ${matches.length} người "${name}" sinh năm ${year} ở các đơn vị khác nhau; hãy thêm trực tiếp trong hồ sơ.`
              : `không có "${name}" sinh năm ${year} trong danh sách cá nhân.`,
          );
        dto.personId = personId;
      } else if (kind === RecipientKind.Collective) {
        const unit = units.get(text(codeCell).toUpperCase());
        if (!unit) bad(NOMINEE_COLUMNS[3], `không có đơn vị mã "${text(codeCell)}".`);
        dto.collectiveUnitId = unit?.id;
      } else if (kind === RecipientKind.Household) {
        dto.household = name;
      }
      if (!failed())
        parsed.push({
          row,
          dto: dto as AddNomineeDto,
          preview: [RECIPIENT_KIND_LABELS[kind!], name, form!.name],
        });
    }
    let created = 0;
    await this.db
      .withTransaction(async () => {
        const manager = this.db.tx;
        for (const { row, dto } of parsed) {
          await manager.query('SAVEPOINT nominee_row');
          try {
            await this.dossiers.addNominee(actor, dossierId, dto);
            await manager.query('RELEASE SAVEPOINT nominee_row');
            created++;
          } catch (error) {
            if (!(error instanceof AppError) || error.status >= 500) throw error;
            await manager.query('ROLLBACK TO SAVEPOINT nominee_row');
            const column = COLUMN_OF[error.details[0]?.field ?? ''] ?? NOMINEE_COLUMNS[1];
            errors.push(rowError(row, column, error.message));
          }
        }
        // A preview, or a file with any bad row: nothing stays.
        if (dryRun || errors.length) throw new Undo();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Undo)) throw error;
      });
    errors.sort((a, b) => Number(a.field.split('.')[1]) - Number(b.field.split('.')[1]));
    if (!dryRun && errors.length)
      throw AppError.badRequest(
        `Tệp có ${errors.length} lỗi; chưa thêm đối tượng nào. Hãy sửa các dòng được nêu rồi nhập lại.`,
        errors,
      );
    return {
      dryRun,
      rows: rows.length,
      created: errors.length ? 0 : created,
      existing: 0,
      errors,
      previewColumns: ['Đối tượng', 'Họ và tên, tên tập thể, hộ gia đình', 'Hình thức'],
      preview: parsed.slice(0, 50).map((p) => ({ row: p.row, values: p.preview })),
    };
  }
}
