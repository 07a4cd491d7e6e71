import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { todayInVietnam } from '../common/dates';
import { sendSheet, SheetColumn, SheetFormat } from '../documents/spreadsheet';
import { UNIT_KIND_LABELS } from '../units/unit.entity';
import { Registration, RegistrationStatus } from './registration.entity';
import type { RegistrationsService } from './registrations.service';

/** A movement's registrations: these columns, units by kind then name. */
const REGISTRATION_COLUMNS: SheetColumn<Registration>[] = [
  { header: 'Đơn vị', width: 40, value: (r) => r.unit?.name ?? null },
  {
    header: 'Loại đơn vị',
    width: 26,
    value: (r) => (r.unit ? UNIT_KIND_LABELS[r.unit.kind] : null),
  },
  {
    header: 'Tình trạng',
    width: 14,
    value: (r) => (r.status === RegistrationStatus.Registered ? 'Đã đăng ký' : 'Đã rút'),
  },
  { header: 'Làm điểm', width: 10, value: (r) => (r.pilot ? 'Có' : '') },
  {
    header: 'Ngày đăng ký',
    width: 14,
    format: 'date',
    value: (r) => todayInVietnam(r.registeredAt),
  },
  { header: 'Nội dung đăng ký', width: 60, value: (r) => r.commitments },
];

/** Sends a movement's registrations (a unit officer's own) as XLSX or CSV; audited before it goes out. */
export async function sendRegistrations(
  registrations: RegistrationsService,
  actor: Actor,
  movementId: string,
  format: SheetFormat,
  res: FastifyReply,
): Promise<void> {
  const rows = await registrations.list(actor, movementId);
  await registrations.recordExport(actor, movementId, format, rows.length);
  await sendSheet(
    res,
    format,
    'dang-ky-thi-dua',
    'Đăng ký thi đua',
    REGISTRATION_COLUMNS,
    (async function* () {
      yield rows;
    })(),
  );
}
