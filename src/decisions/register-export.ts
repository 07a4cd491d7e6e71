import { RECIPIENT_KIND_LABELS } from '../awards/award-form.entity';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { sendSheet, SheetColumn, SheetFormat } from '../documents/spreadsheet';
import type { DecisionsService } from './decisions.service';
import { CERTIFICATE_STATUS_LABELS } from './certificates.service';
import type { RegisterFilters, RegisterRow } from './decisions.dto';

/** The register's export: these columns and no others, in this order. */
export const REGISTER_COLUMNS: SheetColumn<RegisterRow>[] = [
  { header: 'Năm', width: 7, format: 'integer', value: (r) => r.year },
  { header: 'Số vào sổ', width: 10, format: 'integer', value: (r) => r.registerNumber },
  { header: 'Họ và tên, tên tập thể, hộ gia đình', width: 34, value: (r) => r.awardeeName },
  {
    header: 'Đối tượng',
    width: 12,
    value: (r) => RECIPIENT_KIND_LABELS[r.recipientKind] ?? r.recipientKind,
  },
  { header: 'Đơn vị', width: 30, value: (r) => r.unitName },
  { header: 'Hình thức khen thưởng', width: 40, value: (r) => r.awardFormName },
  { header: 'Số quyết định', width: 14, value: (r) => r.decisionNumber },
  { header: 'Ngày quyết định', width: 14, format: 'date', value: (r) => r.decisionDate },
  { header: 'Tiền thưởng (đồng)', width: 16, format: 'money', value: (r) => r.amount },
  {
    header: 'Tình trạng',
    width: 14,
    value: (r) => CERTIFICATE_STATUS_LABELS[r.status] ?? r.status,
  },
];

/**
 * Audits the export, then sends the register a search names as XLSX or CSV
 * (the API and the web page both answer with this).
 */
export async function sendRegister(
  decisions: DecisionsService,
  actor: Actor,
  filters: RegisterFilters,
  format: SheetFormat,
  res: FastifyReply,
): Promise<void> {
  const name = `so-khen-thuong${filters.year ? `-${filters.year}` : ''}`;
  // Audited before the file goes out (with the rows it will hold): the record is there once the download ends.
  await decisions.recordExport(actor, filters, format);
  await sendSheet(
    res,
    format,
    name,
    'Sổ khen thưởng',
    REGISTER_COLUMNS,
    decisions.registerRows(actor, filters),
  );
}

/** A line of a decision's list, as its export reads it. */
interface DecisionLine {
  position: number;
  displayName: string;
  recipientKind: keyof typeof RECIPIENT_KIND_LABELS;
  unitName: string | null;
  awardFormName: string;
  amount: number | null;
  register: { registerNumber: number; year: number } | null;
}

/** A decision's list (its annex): these columns, in the decision's order. */
const DECISION_COLUMNS: SheetColumn<DecisionLine>[] = [
  { header: 'STT', width: 6, format: 'integer', value: (l) => l.position + 1 },
  { header: 'Họ và tên, tên tập thể, hộ gia đình', width: 34, value: (l) => l.displayName },
  { header: 'Đối tượng', width: 12, value: (l) => RECIPIENT_KIND_LABELS[l.recipientKind] },
  { header: 'Đơn vị', width: 30, value: (l) => l.unitName },
  { header: 'Hình thức khen thưởng', width: 42, value: (l) => l.awardFormName },
  {
    header: 'Số vào sổ khen thưởng',
    width: 14,
    value: (l) => (l.register ? `${l.register.registerNumber}/${l.register.year}` : null),
  },
  { header: 'Tiền thưởng (đồng)', width: 16, format: 'money', value: (l) => l.amount },
];

/** Sends a decision's list as XLSX or CSV (a draft's too, for checking before signing); audited. */
export async function sendDecisionList(
  decisions: DecisionsService,
  actor: Actor,
  id: string,
  format: SheetFormat,
  res: FastifyReply,
): Promise<void> {
  const d = await decisions.detail(actor, id);
  await decisions.recordListExport(actor, id, format, d.items.length);
  const name = d.numberLabel
    ? `danh-sach-qd-${d.numberLabel.split('/')[0]}-${d.year}`
    : 'danh-sach-du-thao';
  await sendSheet(
    res,
    format,
    name,
    'Danh sách',
    DECISION_COLUMNS,
    (async function* () {
      yield d.items as DecisionLine[];
    })(),
  );
}
