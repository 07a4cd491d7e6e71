import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DraftBlock, DraftDocument } from './draft-document';

/** Twips per millimetre (a twip is 1/1440 inch). */
const MM = 56.7;
/** A4 and the Nghị định 30/2020 margins: 20 mm top, bottom, right; 30 mm left. */
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, right: 20 * MM, left: 30 * MM };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Half-points: 13 pt for the text, 12 for the heading blocks and tables. */
const SIZE = { text: 26, small: 24, table: 23 };
/** The dotted line a blank prints, about a line of the page at 13 pt. */
const DOTTED_LINE = '.'.repeat(105);

interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

function para(
  runs: Run[] | string,
  options: { center?: boolean; justify?: boolean; indent?: boolean; after?: number } = {},
): Paragraph {
  const list = typeof runs === 'string' ? [{ text: runs }] : runs;
  return new Paragraph({
    alignment: options.center
      ? AlignmentType.CENTER
      : options.justify
        ? AlignmentType.JUSTIFIED
        : AlignmentType.LEFT,
    indent: options.indent ? { firstLine: 10 * MM } : undefined,
    spacing: { after: options.after ?? 80 },
    children: list.map((r) => new TextRun(r)),
  });
}

function cell(children: Paragraph[], widthPercent: number, borderless = false): TableCell {
  return new TableCell({
    children,
    width: { size: Math.round((TEXT_WIDTH * widthPercent) / 100), type: WidthType.DXA },
    borders: borderless ? TableBorders.NONE : undefined,
    margins: borderless ? undefined : { left: 80, right: 80, top: 40, bottom: 40 },
  });
}

/** Side by side without borders: the heading's two halves, the closing's recipients and signers. */
function columns(cells: { widthPercent: number; children: Paragraph[] }[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    columnWidths: cells.map((c) => Math.round((TEXT_WIDTH * c.widthPercent) / 100)),
    rows: [new TableRow({ children: cells.map((c) => cell(c.children, c.widthPercent, true)) })],
  });
}

function heading(d: DraftDocument): Table {
  const left = [
    ...(d.issuingBody ? [para([{ text: d.issuingBody, size: SIZE.small }], { center: true })] : []),
    para([{ text: d.organisation, bold: true, size: SIZE.small }], { center: true }),
    ...(d.numberSuffix
      ? [para([{ text: `Số:        /${d.numberSuffix}`, size: SIZE.small }], { center: true })]
      : []),
  ];
  const right = [
    para([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: SIZE.small }], {
      center: true,
      after: 0,
    }),
    para([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }], { center: true, after: 160 }),
    para([{ text: `${d.placeName}, ngày      tháng      năm`, italics: true }], { center: true }),
  ];
  return columns([
    { widthPercent: 38, children: left },
    { widthPercent: 62, children: right },
  ]);
}

function block(b: DraftBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [para([{ text: b.text, bold: true }], { after: 60 })];
    case 'paragraph':
      return [
        para(
          [
            ...(b.label ? [{ text: b.label, bold: true }] : []),
            { text: b.text, italics: b.italic },
          ],
          // A labelled field ("Họ và tên: …") reads left to right; running text is justified.
          b.label ? {} : { justify: true, indent: true },
        ),
      ];
    case 'blank':
      return Array.from({ length: b.lines }, () => para(DOTTED_LINE, { after: 40 }));
    case 'table':
      return [
        new Table({
          width: { size: TEXT_WIDTH, type: WidthType.DXA },
          layout: TableLayoutType.FIXED,
          columnWidths: b.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / 100)),
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.columns.map((c) =>
                cell(
                  [para([{ text: c.title, bold: true, size: SIZE.table }], { center: true })],
                  c.width,
                ),
              ),
            }),
            ...b.rows.map(
              (row) =>
                new TableRow({
                  children: row.map((text, i) =>
                    cell([para([{ text, size: SIZE.table }], { after: 0 })], b.columns[i].width),
                  ),
                }),
            ),
          ],
        }),
        para(''),
      ];
  }
}

function closing(d: DraftDocument): Table {
  const signers = d.signers.map((s) => [
    para([{ text: s.title, bold: true, size: SIZE.small }], { center: true, after: 0 }),
    para([{ text: s.note, italics: true, size: SIZE.small }], { center: true, after: 1400 }),
    para([{ text: s.name, bold: true }], { center: true }),
  ]);
  const recipients = d.recipients.length
    ? [
        [
          para([{ text: 'Nơi nhận:', bold: true, italics: true, size: SIZE.small }], { after: 0 }),
          ...d.recipients.map((r) => para([{ text: `- ${r}`, size: 22 }], { after: 0 })),
        ],
      ]
    : [];
  const parts = [...recipients, ...signers];
  return columns(parts.map((children) => ({ widthPercent: 100 / parts.length, children })));
}

/**
 * The draft as an editable Word document (DOCX), in the Nghị định 30/2020
 * layout: A4, its margins, Times New Roman 13 (the font every office has; the
 * PDF prints with Tinos, its metric twin).
 */
export function draftToDocx(d: DraftDocument): Promise<Buffer> {
  const doc = new Document({
    creator: 'Thi đua',
    title: [d.title, ...d.subtitle].join(' '),
    styles: { default: { document: { run: { font: 'Times New Roman', size: SIZE.text } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children: [
          heading(d),
          para([{ text: d.title, bold: true, size: 28 }], { center: true, after: 0 }),
          ...d.subtitle.map((s) => para([{ text: s, bold: true }], { center: true, after: 0 })),
          para('', { after: 120 }),
          ...(d.addressee ? [para(d.addressee, { center: true, after: 200 })] : []),
          ...d.blocks.flatMap(block),
          para(''),
          closing(d),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
