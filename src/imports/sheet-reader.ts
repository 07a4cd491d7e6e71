import { CellValue, ValueType, Workbook } from 'exceljs';
import { AppError } from '../common/errors/app-error';

/** The largest workbook a spreadsheet import opens, unpacked (a zip bomb is refused before it is). */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** Rows beyond this are refused: an office's yearly file is far smaller. */
export const MAX_IMPORT_ROWS = 20_000;

const fileError = (message: string, code: string) => AppError.invalidField('file', message, code);

/**
 * The sizes the zip's central directory declares for its entries, summed:
 * what the workbook would unpack to. Refuses what is not a zip, and a zip
 * that would unpack beyond the limit (a zip bomb), before anything is unpacked.
 */
function checkZip(buffer: Buffer): void {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50)
    throw fileError('Tệp không phải là tệp Excel (.xlsx).', 'type');
  // The end of central directory record: within the last 64 KB + 22 bytes.
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--)
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw fileError('Tệp Excel bị hỏng (không đọc được cấu trúc tệp).', 'corrupt');
  const entries = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50)
      throw fileError('Tệp Excel bị hỏng (không đọc được cấu trúc tệp).', 'corrupt');
    unpacked += buffer.readUInt32LE(offset + 24);
    if (unpacked > MAX_UNPACKED_BYTES)
      throw fileError(
        `Tệp Excel giải nén vượt quá ${MAX_UNPACKED_BYTES / 1024 / 1024} MB: không mở (có thể là tệp độc hại).`,
        'tooLarge',
      );
    offset +=
      46 +
      buffer.readUInt16LE(offset + 28) +
      buffer.readUInt16LE(offset + 30) +
      buffer.readUInt16LE(offset + 32);
  }
}

/** A cell's value as typed: text trimmed, a number, or null when empty; a formula is refused. */
export type Cell = string | number | null;

export interface SheetRow {
  /** The row's number as Excel shows it (the header is row 1). */
  row: number;
  cells: Cell[];
}

/** A cell that holds a formula: named so that its row's report says so. */
export const FORMULA = Symbol('formula');

function cellOf(value: CellValue, type: ValueType): Cell | typeof FORMULA {
  if (type === ValueType.Formula) return FORMULA;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value)
    return (
      value.richText
        .map((r) => r.text)
        .join('')
        .trim() || null
    );
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim() || null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * The first worksheet of an XLSX as rows of cells, after its header row has
 * been checked against the layout the import expects (the template's).
 * Empty rows are skipped. 400 naming `file` for anything that is not such a
 * workbook.
 */
export async function readSheet(
  buffer: Buffer,
  headers: string[],
): Promise<(SheetRow & { formulas: number[] })[]> {
  checkZip(buffer);
  const book = new Workbook();
  try {
    await book.xlsx.load(buffer as never);
  } catch {
    throw fileError(
      'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.',
      'corrupt',
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw fileError('Tệp Excel không có trang tính nào.', 'empty');
  const header = headers.map((_, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    const value = cellOf(cell.value, cell.type);
    return typeof value === 'string' ? value.toLocaleLowerCase('vi') : value;
  });
  if (headers.some((h, i) => header[i] !== h.toLocaleLowerCase('vi')))
    throw fileError(
      `Dòng tiêu đề (dòng 1) phải là: ${headers.join(' | ')}. Hãy dùng tệp mẫu tải về từ hệ thống.`,
      'headers',
    );
  const rows: (SheetRow & { formulas: number[] })[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const line = sheet.getRow(r);
    const formulas: number[] = [];
    const cells = headers.map((_, i) => {
      const cell = line.getCell(i + 1);
      const value = cellOf(cell.value, cell.type);
      if (value === FORMULA) {
        formulas.push(i);
        return null;
      }
      return value;
    });
    if (cells.every((c) => c === null) && !formulas.length) continue;
    rows.push({ row: r, cells, formulas });
    if (rows.length > MAX_IMPORT_ROWS)
      throw fileError(
        `Tệp có hơn ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng: hãy chia nhỏ.`,
        'tooManyRows',
      );
  }
  if (!rows.length) throw fileError('Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.', 'empty');
  return rows;
}
