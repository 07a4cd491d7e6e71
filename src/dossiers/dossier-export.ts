import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { todayInVietnam } from '../common/dates';
import { sendSheet, SheetColumn, SheetFormat } from '../documents/spreadsheet';
import { DossierQueryDto } from './dossiers.dto';
import type { DossiersService, QueueExportRow } from './dossiers.service';

/** The queue's export: these columns, in the queue's order. */
const DOSSIER_COLUMNS: SheetColumn<QueueExportRow>[] = [
  { header: 'Tên hồ sơ', width: 50, value: (d) => d.title },
  { header: 'Đơn vị', width: 34, value: (d) => d.unitName },
  { header: 'Trạng thái', width: 24, value: (d) => d.statusLabel },
  {
    header: 'Ngày gửi',
    width: 12,
    format: 'date',
    value: (d) => (d.submittedAt ? todayInVietnam(d.submittedAt) : null),
  },
  { header: 'Hạn thẩm định', width: 14, format: 'date', value: (d) => d.appraisalDueOn },
  { header: 'Quá hạn', width: 9, value: (d) => (d.overdue ? 'Quá hạn' : '') },
  { header: 'Người thẩm định', width: 26, value: (d) => d.appraiser },
];

/**
 * Sends the queue a search names (the caller's scope: a unit officer's own
 * dossiers) as XLSX or CSV, read page by page in one snapshot; audited
 * before it goes out.
 */
export function sendDossiers(
  dossiers: DossiersService,
  actor: Actor,
  query: DossierQueryDto,
  format: SheetFormat,
  res: FastifyReply,
): Promise<void> {
  return dossiers.snapshot(async () => {
    const first = await dossiers.queue(actor, { ...query, limit: 1, offset: 0 });
    await dossiers.recordExport(actor, format, first.total);
    await sendSheet(
      res,
      format,
      'ho-so-de-nghi',
      'Hồ sơ',
      DOSSIER_COLUMNS,
      dossiers.exportRows(actor, query),
    );
  });
}
