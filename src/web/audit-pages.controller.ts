import { Controller, Get, Query, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role, ROLE_LABELS } from '../access/roles';
import { AuditQueryDto } from '../audit/audit.dto';
import { AuditService } from '../audit/audit.service';
import { DossierAction, WORKFLOW } from '../dossiers/workflow';
import { UsersService } from '../users/users.service';
import { formatDateTime, pager } from './format';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

/** What each audited action is called on the page (the API keeps the codes). */
const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.logout': 'Đăng xuất',
  'auth.password_change': 'Đổi mật khẩu',
  'auth.end_other_sessions': 'Đăng xuất các phiên khác',
  'auth.refresh_reused': 'Phiên đăng nhập bị dùng lại (đã chặn)',
  'authority.emblem': 'Đổi ảnh Quốc huy trên Giấy khen',
  'authority.signatureImage': 'Đổi ảnh chữ ký in trên văn bản ký số',
  'authority.sealImage': 'Đổi ảnh con dấu in trên văn bản ký số',
  'authority.update': 'Sửa thông tin cơ quan',
  'award_record.print': 'In bản tổng hợp khen thưởng',
  'publication.create': 'Công khai danh sách dự kiến khen thưởng',
  'publication.opinion': 'Người dân gửi ý kiến về danh sách công khai',
  'publication.withdraw': 'Gỡ danh sách công khai',
  'recorded_award.create': 'Ghi nhận khen thưởng do cấp khác quyết định',
  'decision.keep_for_signing': 'Lưu bản quyết định để ký số',
  'decision.sign': 'Ký số quyết định',
  'qr_key.rotate': 'Đổi khóa ký mã QR ngoại tuyến',
  'trusted_ca.add': 'Thêm tổ chức chứng thực tin cậy',
  'trusted_ca.remove': 'Bỏ tổ chức chứng thực tin cậy',
  'award_form.create': 'Thêm hình thức khen thưởng',
  'award_form.update': 'Sửa hình thức khen thưởng',
  'base_salary.add': 'Khai báo mức lương cơ sở',
  'cluster.create': 'Tạo cụm thi đua',
  'council.vote': 'Biểu quyết của Hội đồng',
  'criteria.put': 'Ban hành bộ tiêu chuẩn',
  'decision.create': 'Lập dự thảo quyết định',
  'decision.export': 'Tải danh sách kèm quyết định',
  'decision.issue': 'Ký ban hành quyết định',
  'decision.update': 'Sửa dự thảo quyết định',
  'dossier.add_nominee': 'Thêm đối tượng vào hồ sơ',
  'dossier.attach': 'Đính kèm tài liệu',
  'dossier.attest': 'Xác nhận điều kiện khen thưởng',
  'dossier.create': 'Lập hồ sơ',
  'dossier.export': 'Tải danh sách hồ sơ',
  'dossier.detach': 'Gỡ tài liệu',
  'dossier.draft': 'Tải bản thảo tờ trình, báo cáo thành tích',
  'dossier.forward_nominee': 'Trình cấp trên',
  'dossier.higher_award_nominee': 'Ghi nhận cấp trên khen thưởng',
  'dossier.higher_refusal_nominee': 'Ghi nhận cấp trên không khen thưởng',
  'report.export': 'Tải báo cáo kết quả của đợt',
  'dossier.remove_nominee': 'Bỏ đối tượng khỏi hồ sơ',
  'file.upload': 'Tải tệp lên',
  'import.awards': 'Nhập khen thưởng các năm trước từ Excel',
  'import.people': 'Nhập danh sách cá nhân từ Excel',
  'import.units': 'Nhập danh sách đơn vị từ Excel',
  'holiday.add': 'Thêm ngày nghỉ',
  'holiday.remove': 'Bỏ ngày nghỉ',
  'movement.create': 'Tạo phong trào',
  'movement.update': 'Sửa phong trào',
  'person.case_add': 'Ghi nhận vụ việc (kỷ luật, điều tra, thanh tra, khiếu nại)',
  'person.case_close': 'Kết thúc vụ việc',
  'person.create': 'Thêm cá nhân',
  'person.initiative_add': 'Ghi nhận sáng kiến, đề tài',
  'person.rating': 'Ghi kết quả xếp loại hằng năm',
  'person.update': 'Sửa thông tin cá nhân',
  'register.export': 'Tải sổ khen thưởng',
  'registration.export': 'Tải danh sách đăng ký thi đua',
  'registration.pilot': 'Chọn đơn vị làm điểm',
  'registration.register': 'Đăng ký thi đua',
  'registration.withdraw': 'Rút đăng ký thi đua',
  'report.draft': 'Lưu nháp báo cáo',
  'report.judge': 'Đánh giá tiêu chí định tính',
  'report.override': 'Điều chỉnh kết quả tiêu chí',
  'report.submit': 'Gửi báo cáo kết quả',
  'round.create': 'Thêm đợt',
  'round.update': 'Sửa đợt',
  'statistics.export': 'Tải thống kê',
  'statistics.movement_report': 'Lập báo cáo sơ kết, tổng kết phong trào',
  'unit.create': 'Thêm đơn vị',
  'unit.rating': 'Ghi kết quả xếp loại tập thể',
  'unit.update': 'Sửa đơn vị',
  'user.create': 'Tạo tài khoản',
  'user.password_reset': 'Đặt lại mật khẩu',
  'user.update': 'Sửa tài khoản',
};

const actionLabel = (action: string): string => {
  const step = action.startsWith('dossier.') ? action.slice('dossier.'.length) : '';
  if (Object.hasOwn(WORKFLOW, step)) return `Hồ sơ: ${WORKFLOW[step as DossierAction].label}`;
  return ACTION_LABELS[action] ?? action;
};

const shown = (value: unknown): string =>
  value === null || value === undefined
    ? '(trống)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** A day typed in a date field, as the instant it starts in Vietnam. */
const dayStart = (day: unknown, plusDays = 0): string | undefined => {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00+07:00`);
  start.setUTCDate(start.getUTCDate() + plusDays);
  return start.toISOString();
};

/**
 * The audit trail for the admin and Home Affairs: who did what, when, to
 * which record, and what changed; filtered by user, action, record and days.
 */
@ApiExcludeController()
@Controller('quan-tri/nhat-ky')
@UseFilters(WebErrors)
export class AuditPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @Roles(Role.Admin, Role.HomeAffairs)
  async trail(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const query = await this.forms.valid(
      AuditQueryDto,
      {
        ...given,
        from: dayStart(given.tu),
        to: dayStart(given.den, 1),
        tu: undefined,
        den: undefined,
      },
      { actorId: 'Hãy chọn người dùng trong danh sách.' },
    );
    const [page, users] = await Promise.all([
      this.audit.list(actor, query),
      actor.role === Role.Admin ? this.users.list(actor, { limit: 100, offset: 0 } as never) : null,
    ]);
    return this.pages.page(
      actor,
      'audit',
      'Nhật ký thao tác',
      {
        users: users?.items.map((u) => ({
          id: u.id,
          label: `${u.fullName} (${u.username})`,
          selected: u.id === query.actorId,
        })),
        actions: Object.keys(ACTION_LABELS).map((value) => ({
          value,
          label: ACTION_LABELS[value],
          selected: value === query.action,
        })),
        tu: typeof given.tu === 'string' ? given.tu : '',
        den: typeof given.den === 'string' ? given.den : '',
        targetId: query.targetId ?? '',
        total: page.total,
        rows: page.items.map((a) => ({
          at: formatDateTime(a.at),
          who: a.actorUsername,
          role: ROLE_LABELS[a.role as Role] ?? a.role,
          action: actionLabel(a.action),
          target: `${a.targetType}${a.targetId ? ` ${a.targetId}` : ''}`,
          changes: Object.entries(a.changes ?? {}).map(([field, change]) => ({
            field,
            from: shown(change.from),
            to: shown(change.to),
          })),
        })),
        pager: pager('/quan-tri/nhat-ky', given, page),
      },
      this.forms.csrf(req),
    );
  }
}
