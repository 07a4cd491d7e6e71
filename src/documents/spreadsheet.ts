import type { FastifyReply } from 'fastify';
import { stream as excelStream } from 'exceljs';
import { PassThrough, type Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * Exports as offices file them: XLSX (styled header, frozen first row,
 * column widths, Vietnamese date and number formats) and CSV (UTF-8 with a
 * BOM so that Excel shows the diacritics). Each export declares its columns;
 * rows arrive in batches and are written as they come, so memory does not
 * grow with the row count.
 */
export interface SheetColumn<T> {
  header: string;
  /** In characters, as Excel measures a column. */
  width: number;
  /** `date`: a YYYY-MM-DD string shown dd/mm/yyyy; `money` and `integer`: a number. */
  format?: 'date' | 'money' | 'integer';
  value: (row: T) => string | number | null;
}

export type SheetFormat = 'xlsx' | 'csv';

const NUMBER_FORMATS = { date: 'dd/mm/yyyy', money: '#,##0', integer: '0' } as const;

/** A date-only string as the spreadsheet's date (midnight UTC: no time zone shift). */
const dateOf = (v: string) => new Date(`${v}T00:00:00Z`);

/**
 * A cell a spreadsheet could run as a formula (=, +, -, @, a tab or a carriage
 * return first) is made plain text in a CSV by a leading apostrophe. In XLSX
 * every string is stored as a string cell, which is never evaluated.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const text = typeof v === 'number' ? String(v) : csvSafe(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Writes, waiting for the stream to drain when it asks to (backpressure). */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** CSV with a BOM and CRLF line ends, as Excel reads it; returns the number of rows. */
export async function writeCsv<T>(
  out: Writable,
  columns: SheetColumn<T>[],
  batches: AsyncIterable<T[]>,
): Promise<number> {
  await write(out, `\uFEFF${columns.map((c) => csvField(c.header)).join(',')}\r\n`);
  let rows = 0;
  for await (const batch of batches) {
    let text = '';
    for (const row of batch) {
      text += `${columns
        .map((c) => {
          const v = c.value(row);
          return csvField(c.format === 'date' && typeof v === 'string' ? formatDay(v) : v);
        })
        .join(',')}\r\n`;
    }
    rows += batch.length;
    await write(out, text);
  }
  out.end();
  return rows;
}

/** "2026-12-05" → "05/12/2026", as a date reads in Vietnamese. */
const formatDay = (v: string) => `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;

/** One worksheet, streamed: each row is committed (written out) as soon as it is added. */
export async function writeXlsx<T>(
  out: Writable,
  sheetName: string,
  columns: SheetColumn<T>[],
  batches: AsyncIterable<T[]>,
): Promise<number> {
  const workbook = new excelStream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: c.format ? { numFmt: NUMBER_FORMATS[c.format] } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF8B1A1A' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      sheet
        .addRow(
          columns.map((c) => {
            const v = c.value(row);
            return c.format === 'date' && typeof v === 'string' ? dateOf(v) : v;
          }),
        )
        .commit();
    }
    rows += batch.length;
    // Let the zip stream flush what the batch produced before the next one is read.
    await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}

const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Sends an export as a download named `${name}.${format}`; resolves with the
 * number of rows once the last byte is handed to the connection.
 */
export async function sendSheet<T>(
  res: FastifyReply,
  format: SheetFormat,
  name: string,
  sheetName: string,
  columns: SheetColumn<T>[],
  batches: AsyncIterable<T[]>,
): Promise<number> {
  const out = new PassThrough();
  res
    .type(CONTENT_TYPES[format])
    .header(
      'Content-Disposition',
      `attachment; filename="${name}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
    )
    .header('Cache-Control', 'private, no-store')
    .send(out);
  try {
    return format === 'xlsx'
      ? await writeXlsx(out, sheetName, columns, batches)
      : await writeCsv(out, columns, batches);
  } catch (error) {
    // The headers are gone: the download is cut short rather than left hanging.
    out.destroy(error as Error);
    throw error;
  }
}
