import { Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { Role, ROLE_LABELS } from '../access/roles';
import type { Authority } from '../authorities/authority.entity';
import { AuthoritiesService } from '../authorities/authorities.service';
import { TemplatesService } from '../documents/templates.service';
import { ASSETS_VERSION } from './assets.controller';

/** The menu: each page and the roles it is for (none listed: every role). */
const MENU: { href: string; label: string; roles?: Role[] }[] = [
  { href: '/', label: 'Trang chủ' },
  { href: '/phong-trao', label: 'Phong trào' },
  {
    href: '/quyet-dinh/cho-quyet-dinh',
    label: 'Chờ quyết định',
    roles: [Role.HomeAffairs, Role.Chairman, Role.ViceChairman],
  },
  {
    href: '/quyet-dinh',
    label: 'Quyết định',
    roles: [Role.HomeAffairs, Role.Chairman, Role.ViceChairman, Role.Admin, Role.CouncilMember],
  },
  {
    href: '/quyet-dinh/so-khen-thuong',
    label: 'Sổ khen thưởng',
    roles: [Role.HomeAffairs, Role.Chairman, Role.ViceChairman, Role.Admin, Role.CouncilMember],
  },
  {
    href: '/thong-ke',
    label: 'Thống kê',
    roles: [Role.HomeAffairs, Role.Chairman, Role.ViceChairman, Role.Coordinator, Role.Admin],
  },
  {
    href: '/quy-thi-dua',
    label: 'Quỹ khen thưởng',
    roles: [Role.HomeAffairs, Role.Chairman, Role.ViceChairman, Role.Admin],
  },
  { href: '/quan-tri/don-vi', label: 'Đơn vị', roles: [Role.Admin, Role.HomeAffairs] },
  {
    href: '/quan-tri/ca-nhan',
    label: 'Cá nhân',
    roles: [Role.Admin, Role.HomeAffairs, Role.UnitOfficer],
  },
  {
    href: '/quan-tri/nhap-du-lieu',
    label: 'Nhập dữ liệu',
    roles: [Role.Admin, Role.HomeAffairs],
  },
  { href: '/quan-tri/nguoi-dung', label: 'Người dùng', roles: [Role.Admin] },
  { href: '/quan-tri/thiet-lap', label: 'Thiết lập', roles: [Role.Admin, Role.HomeAffairs] },
  {
    href: '/quan-tri/phoi-giay-khen',
    label: 'Phôi Giấy khen',
    roles: [Role.Admin, Role.HomeAffairs],
  },
  { href: '/quan-tri/cong-khai', label: 'Công khai', roles: [Role.Admin, Role.HomeAffairs] },
  { href: '/quan-tri/nhat-ky', label: 'Nhật ký', roles: [Role.Admin, Role.HomeAffairs] },
  { href: '/doi-mat-khau', label: 'Đổi mật khẩu' },
];

const menuFor = (role: Role) => MENU.filter((m) => !m.roles || m.roles.includes(role));

/** Renders a page inside the layout: header with the authority, the user and the menu. */
@Injectable()
export class WebPages {
  /** The header's authority, read once per request (an actor is made per request). */
  private readonly headers = new WeakMap<Actor, Promise<Authority>>();

  constructor(
    private readonly templates: TemplatesService,
    private readonly authorities: AuthoritiesService,
  ) {}

  /**
   * Starts reading what the layout's header shows, so that a page can read
   * it side by side with its own data rather than after it (page() then
   * finds it read).
   */
  header(actor: Actor): Promise<Authority> {
    let read = this.headers.get(actor);
    if (!read) this.headers.set(actor, (read = this.authorities.own(actor)));
    return read;
  }

  /** A part of a page, without the layout (what htmx swaps in). */
  fragment(view: string, data: object): string {
    return this.templates.render(`web/${view}`, data);
  }

  async page(
    actor: Actor | null,
    view: string,
    title: string,
    data: object,
    csrf: string | null = null,
  ): Promise<string> {
    const authority = actor ? await this.header(actor) : null;
    return this.templates.render('web/layout', {
      title,
      assets: `/assets/${ASSETS_VERSION}`,
      body: this.templates.render(`web/${view}`, { ...data, csrf }),
      user: actor && {
        name: actor.username,
        roleLabel: ROLE_LABELS[actor.role],
        authorityName: authority?.name ?? '',
      },
      menu: actor ? menuFor(actor.role) : [],
      csrf,
    });
  }
}
