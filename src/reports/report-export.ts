import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { todayInVietnam } from '../common/dates';
import { sendSheet, SheetColumn, SheetFormat } from '../documents/spreadsheet';
import { SUBJECT_KIND_LABELS, SubjectKind } from '../movements/movement.entity';
import { EVALUATION_LABELS } from './report.entity';
import type { ReportsService, ReportValueRow } from './reports.service';

/** A round's indicator reports: one row per unit and criterion, units by name, criteria in order. */
const REPORT_COLUMNS: SheetColumn<ReportValueRow>[] = [
  { header: 'Đơn vị', width: 40, value: (r) => r.unitName },
  {
    header: 'Đối tượng',
    width: 22,
    value: (r) => SUBJECT_KIND_LABELS[r.subjectKind as SubjectKind] ?? r.subjectKind,
  },
  { header: 'Lần báo cáo', width: 10, format: 'integer', value: (r) => r.revision },
  {
    header: 'Ngày gửi',
    width: 12,
    format: 'date',
    value: (r) => todayInVietnam(r.submittedAt),
  },
  { header: 'Mã tiêu chí', width: 10, value: (r) => r.criterionCode },
  { header: 'Tiêu chí', width: 60, value: (r) => r.criterionText },
  { header: 'Giá trị', width: 10, value: (r) => r.number },
  {
    header: 'Có/không',
    width: 10,
    value: (r) => (r.achieved === null ? null : r.achieved ? 'Có' : 'Không'),
  },
  { header: 'Trình bày của đơn vị', width: 50, value: (r) => r.statement || null },
  {
    header: 'Kết quả',
    width: 14,
    value: (r) => EVALUATION_LABELS[r.reviewResult ?? r.autoResult],
  },
  { header: 'Lý do đánh giá lại', width: 40, value: (r) => r.reviewReason },
  { header: 'Kết quả chung', width: 14, value: (r) => EVALUATION_LABELS[r.overall] },
  { header: 'Điểm (%)', width: 10, value: (r) => r.score },
];

/** Sends a round's current reports (a unit officer's own) as XLSX or CSV; audited before it goes out. */
export async function sendReports(
  reports: ReportsService,
  actor: Actor,
  roundId: string,
  format: SheetFormat,
  res: FastifyReply,
): Promise<void> {
  await reports.recordExport(actor, roundId, format);
  await sendSheet(
    res,
    format,
    'bao-cao-ket-qua',
    'Báo cáo kết quả',
    REPORT_COLUMNS,
    reports.exportRows(actor, roundId),
  );
}
