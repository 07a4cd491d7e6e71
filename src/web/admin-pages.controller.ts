import { Body, Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role, ROLE_LABELS } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { UnitsService } from '../units/units.service';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserQueryDto } from '../users/users.dto';
import { UsersService } from '../users/users.service';
import { formatDate, option, pager } from './format';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { WebForms } from './web-forms';
import { WebPages } from './web-pages';

const USER_MESSAGES: Record<string, string> = {
  username: 'Tên đăng nhập gồm chữ không dấu, số, dấu chấm, gạch nối (tối đa 60 ký tự).',
  fullName: 'Hãy ghi họ và tên (từ 2 ký tự).',
  role: 'Hãy chọn vai trò.',
  unitId: 'Cán bộ đơn vị phải thuộc một đơn vị: hãy chọn đơn vị.',
  password: 'Mật khẩu tạm thời từ 8 đến 128 ký tự, gồm cả chữ và số.',
  newPassword: 'Mật khẩu tạm thời từ 8 đến 128 ký tự, gồm cả chữ và số.',
};

const SAVED: Record<string, string> = {
  tao: 'Đã tạo tài khoản. Người dùng phải đổi mật khẩu tạm thời khi đăng nhập lần đầu.',
  luu: 'Đã lưu thay đổi.',
  'mat-khau': 'Đã đặt mật khẩu tạm thời; các phiên đăng nhập cũ của người dùng đã kết thúc.',
};

/**
 * The admin's pages: the authority's users (create with a temporary
 * password, role and unit, lock and unlock, reset the password), on the
 * users service the API uses.
 */
@ApiExcludeController()
@Controller('quan-tri/nguoi-dung')
@UseFilters(WebErrors)
export class AdminPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly users: UsersService,
    private readonly units: UnitsService,
  ) {}

  @Get()
  @Roles(Role.Admin)
  async list(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { given, query } = await this.forms.query(UserQueryDto, raw);
    const page = await this.users.list(actor, query);
    return this.pages.page(
      actor,
      'users',
      'Người dùng',
      {
        q: query.q ?? '',
        roles: this.roles(query.role),
        total: page.total,
        rows: page.items.map((u) => ({
          id: u.id,
          username: u.username,
          fullName: u.fullName,
          role: ROLE_LABELS[u.role],
          active: u.active,
        })),
        pager: pager('/quan-tri/nguoi-dung', given, page),
      },
      this.forms.csrf(req),
    );
  }

  @Get('moi')
  @Roles(Role.Admin)
  async newUser(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    return this.userForm(actor, this.forms.csrf(req), null, {}, {});
  }

  @FormPost('moi', Role.Admin)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          CreateUserDto,
          {
            username: body.username,
            fullName: body.fullName,
            role: body.role,
            unitId: body.unitId || undefined,
            password: body.password,
          },
          USER_MESSAGES,
        );
        const user = await this.users.create(actor, dto);
        return `/quan-tri/nguoi-dung/${user.id}?luu=tao`;
      },
      (errors) => this.userForm(actor, this.forms.csrf(req), null, body, errors),
      USER_MESSAGES,
      [400, 409],
    );
  }

  @Get(':id')
  @Roles(Role.Admin)
  async user(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('luu') saved?: string,
    @Query('loi') problem?: string,
  ) {
    return this.userForm(
      actor,
      this.forms.csrf(req),
      id,
      {},
      problem ? { form: problem } : {},
      saved,
    );
  }

  /** Name, role, unit, and locking: with the version the page showed (a stale page is refused). */
  @FormPost(':id', Role.Admin)
  async update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    try {
      const lock = body.lock === 'lock' ? false : body.lock === 'unlock' ? true : undefined;
      const dto = await this.forms.valid(
        UpdateUserDto,
        lock === undefined
          ? {
              fullName: body.fullName,
              role: body.role,
              unitId: body.unitId || null,
              version: Number(body.version) || undefined,
            }
          : { active: lock, version: Number(body.version) || undefined },
        USER_MESSAGES,
      );
      await this.users.update(actor, id, dto);
      res.header('Location', `/quan-tri/nguoi-dung/${id}?luu=luu`);
      return '';
    } catch (error) {
      if (!(error instanceof AppError) || ![400, 409].includes(error.status)) throw error;
      if (error.status === 409) {
        // Someone changed the account meanwhile: the current state, with why.
        res.header(
          'Location',
          `/quan-tri/nguoi-dung/${id}?${new URLSearchParams({ loi: error.message })}`,
        );
        return '';
      }
      res.status(200);
      return this.userForm(
        actor,
        this.forms.csrf(req),
        id,
        body,
        this.forms.fieldErrors(error, USER_MESSAGES),
      );
    }
  }

  @FormPost(':id/mat-khau', Role.Admin)
  async resetPassword(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.forms.orAgain(
      res,
      async () => {
        const dto = await this.forms.valid(
          ResetPasswordDto,
          { newPassword: body.newPassword },
          USER_MESSAGES,
        );
        await this.users.resetPassword(actor, id, dto.newPassword);
        return `/quan-tri/nguoi-dung/${id}?luu=mat-khau`;
      },
      (errors) => this.userForm(actor, this.forms.csrf(req), id, {}, errors),
      USER_MESSAGES,
    );
  }

  private roles(selected?: unknown) {
    return Object.values(Role).map((r) => ({
      value: r,
      label: ROLE_LABELS[r],
      selected: r === selected,
    }));
  }

  /** The new-user form or a user's page, with what was typed and the errors beside the fields. */
  private async userForm(
    actor: Actor,
    csrf: string,
    id: string | null,
    typed: Record<string, unknown>,
    errors: Record<string, string>,
    saved?: string,
  ) {
    const user = id ? await this.users.get(actor, id) : null;
    const units = await this.units.visibleTo(actor);
    const value = (field: string, current: unknown) =>
      typeof typed[field] === 'string' ? typed[field] : (current ?? '');
    const role = value('role', user?.role ?? Role.UnitOfficer);
    const unitId = value('unitId', user?.unitId);
    return this.pages.page(
      actor,
      user ? 'user' : 'user-new',
      user ? `Người dùng: ${user.fullName}` : 'Tạo tài khoản',
      {
        saved: (saved && SAVED[saved]) ?? null,
        problem:
          errors.form ??
          (Object.keys(errors).length
            ? 'Chưa lưu được: hãy sửa các ô được ghi chú bên dưới.'
            : null),
        user: user && {
          id: user.id,
          username: user.username,
          active: user.active,
          version: user.version,
          mustChangePassword: user.mustChangePassword,
          createdOn: formatDate(user.createdAt),
        },
        username: value('username', ''),
        fullName: value('fullName', user?.fullName),
        roles: this.roles(role),
        units: units.map((u) => option(u.id, u.name, unitId)),
        errors,
      },
      csrf,
    );
  }
}
