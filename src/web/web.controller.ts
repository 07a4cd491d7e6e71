import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowPendingPassword, Public, Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role, STAFF_ROLES } from '../access/roles';
import { VoteChoice } from '../council/council.entity';
import { CouncilService } from '../council/council.service';
import {
  clearCookie,
  csrfToken,
  newSignInSecret,
  SESSION_COOKIE,
  setCookie,
  SIGN_IN_COOKIE,
  signInSecret,
} from '../access/web-session';
import { ChangePasswordDto } from '../auth/auth.dto';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { AppConfig } from '../config/app-config';
import { DossierWorkflowService } from '../dossiers/dossier-workflow.service';
import {
  AppraiseDto,
  DossierExportQueryDto,
  DossierQueryDto,
  AT_ONCE_AT_MOST,
  ForwardDto,
  HigherDecisionDto,
  AttestDto,
  RefuseNomineeDto,
  SupplementDto,
  TransitionDto,
} from '../dossiers/dossiers.dto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { toFieldDetails } from '../common/validation/validation-messages';
import { DossiersService } from '../dossiers/dossiers.service';
import { sendDossiers } from '../dossiers/dossier-export';
import {
  DOSSIER_STATUS_LABELS,
  DossierAction,
  DossierStatus,
  QUEUE_STEPS,
  UNIT_ONLY_STATUSES,
  WORKFLOW,
} from '../dossiers/workflow';
import { WebErrors } from './web-errors.filter';
import { asList, isUuid, WebForms } from './web-forms';
import { inlinePdf } from '../common/http/send-file';
import { WebPages } from './web-pages';
import { DossierPage, FORM_STEPS } from './dossier-page';
import { FormPost, MultipartFormPost } from './web-form.decorators';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { formatDate, formatDateTime, option, pager } from './format';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { MovementsService } from '../movements/movements.service';
import { FilesService, UploadedFile as Upload } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { NOMINEE_MOVES } from '../dossiers/nominee-outcomes';
import { AwardsService } from '../awards/awards.service';

/**
 * The web interface (part 1: sign-in, home with the dossiers, a dossier and
 * its steps). Thin: every rule is the services', as for the API.
 */
/** A search's fields as a query string, some left out. */
const searchOf = (given: Record<string, unknown>, leftOut: string[] = []) =>
  new URLSearchParams(
    Object.entries(given).flatMap(([k, v]) =>
      leftOut.includes(k) ? [] : [[k, String(v)] as [string, string]],
    ),
  ).toString();

@ApiExcludeController()
@Controller()
@UseFilters(WebErrors)
export class WebController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly dossiers: DossiersService,
    private readonly workflow: DossierWorkflowService,
    private readonly config: AppConfig,
    private readonly forms: WebForms,
    private readonly dossierPage: DossierPage,
    private readonly awards: AwardsService,
    private readonly units: UnitsService,
    private readonly movements: MovementsService,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
    private readonly council: CouncilService,
    private readonly users: UsersService,
  ) {}

  @Get('dang-nhap')
  @Public()
  async signInPage(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @Query('next') next?: string,
  ) {
    return this.signInForm(req, res, { username: '', error: null, next: safeNext(next) });
  }

  /** The sign-in page with its form's token (the browser's sign-in secret, a new one if it has none). */
  private signInForm(
    req: FastifyRequest,
    res: FastifyReply,
    data: { username: string; error: string | null; next: string },
    fresh = false,
  ) {
    let secret = fresh ? undefined : signInSecret(req);
    if (!secret) {
      secret = newSignInSecret();
      setCookie(res, SIGN_IN_COOKIE, secret, {
        secure: this.config.publicBaseUrl.startsWith('https:'),
        path: '/dang-nhap',
        maxAge: 12 * 3600,
      });
    }
    return this.pages.page(null, 'sign-in', 'Đăng nhập', { ...data, _csrf: csrfToken(secret) });
  }

  @Post('dang-nhap')
  @Public()
  @HttpCode(303)
  async signIn(
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const again = async (status: number, error: string, fresh = false) => {
      res.status(status);
      return this.signInForm(req, res, { username, error, next: safeNext(body.next) }, fresh);
    };
    // Before anything else: a form another site posted signs no one in and counts no attempt.
    const secret = signInSecret(req);
    if (!secret || body._csrf !== csrfToken(secret))
      return again(
        403,
        'Biểu mẫu đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng nhập lại và đăng nhập.',
        true,
      );
    if (!username || !password) return again(200, 'Hãy nhập tên đăng nhập và mật khẩu.');
    try {
      const tokens = await this.auth.login(
        username,
        password,
        String(req.id ?? ''),
        req.headers['user-agent'],
      );
      setCookie(res, SESSION_COOKIE, tokens.refreshToken, {
        secure: this.config.publicBaseUrl.startsWith('https:'),
        path: '/',
        maxAge: this.config.SESSION_TTL_DAYS * 86400,
      });
      clearCookie(res, SIGN_IN_COOKIE, '/dang-nhap');
      res.header('Location', safeNext(body.next));
      return '';
    } catch (error) {
      if (error instanceof AppError && error.status === 401) return again(200, error.message);
      if (error instanceof AppError && error.status === 429) return again(429, error.message);
      throw error;
    }
  }

  @FormPost('dang-xuat', ...ALL_ROLES)
  async signOut(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply) {
    await this.auth.logout(actor);
    clearCookie(res, SESSION_COOKIE, '/');
    res.header('Location', '/dang-nhap');
    return '';
  }

  @Get('doi-mat-khau')
  @Roles(...ALL_ROLES)
  @AllowPendingPassword()
  async passwordPage(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Query('ket-qua') outcome: unknown,
  ) {
    return this.passwordForm(actor, this.forms.csrf(req), {}, outcome);
  }

  /** The password form, and below it the user's open sessions (where they are signed in). */
  private async passwordForm(
    actor: Actor,
    csrf: string,
    errors: Record<string, string>,
    outcome?: unknown,
  ) {
    const sessions = await this.auth.sessionsOf(actor);
    return this.pages.page(
      actor,
      'password',
      'Đổi mật khẩu',
      {
        forced: actor.mustChangePassword,
        errors,
        hasErrors: Object.keys(errors).length > 0,
        outcome: typeof outcome === 'string' && outcome ? outcome : null,
        sessions: sessions.map((s) => ({
          device: s.device,
          startedAt: formatDateTime(s.startedAt),
          expiresOn: formatDate(s.expiresAt),
          current: s.current,
        })),
        others: sessions.filter((s) => !s.current).length,
      },
      csrf,
    );
  }

  /** Ends the user's other sessions (the API's), back to the page with how many ended. */
  @FormPost('doi-mat-khau/phien-khac', ...ALL_ROLES)
  async endOtherSessions(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const { ended } = await this.auth.endOtherSessions(actor);
    const outcome = ended
      ? `Đã đăng xuất ${ended} phiên khác. Chỉ còn phiên này.`
      : 'Không có phiên nào khác để đăng xuất.';
    res.header('Location', `/doi-mat-khau?${new URLSearchParams({ 'ket-qua': outcome })}`);
    return '';
  }

  /** The user's own password: the API's rule and service; errors beside their fields. */
  @FormPost('doi-mat-khau', ...ALL_ROLES)
  @AllowPendingPassword()
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const input = plainToInstance(ChangePasswordDto, {
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
    });
    const errors: Record<string, string> = {};
    for (const d of toFieldDetails(await validate(input)))
      errors[d.field] ??= PASSWORD_MESSAGES[d.field] ?? d.message;
    if (!errors.newPassword && body.newPassword !== body.confirmPassword)
      errors.confirmPassword = 'Mật khẩu nhập lại không khớp với mật khẩu mới.';
    if (!Object.keys(errors).length) {
      try {
        await this.auth.changePassword(actor, input.currentPassword, input.newPassword);
        res.header('Location', '/');
        return '';
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        for (const d of error.details) errors[d.field] = d.message;
      }
    }
    // A form shown again with its errors is a page like any other (200), not a failed load.
    res.status(200);
    return this.passwordForm(actor, this.forms.csrf(req), errors);
  }

  /**
   * Home: the dossiers the user deals with, with what is asked of them now;
   * for Home Affairs the queue, with its filters (the API's query, its rules).
   */
  /** The queue the home page shows, every page of it, as XLSX or CSV (the API's export). */
  @Get('tai-ve/ho-so')
  @Roles(
    Role.UnitOfficer,
    Role.HomeAffairs,
    Role.CouncilMember,
    Role.Chairman,
    Role.ViceChairman,
    Role.Admin,
  )
  async exportQueue(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Res() res: FastifyReply,
  ) {
    const { query } = await this.forms.query(DossierExportQueryDto, raw, {
      format: 'Định dạng tải về là xlsx hoặc csv.',
    });
    await sendDossiers(this.dossiers, actor, query as DossierQueryDto, query.format ?? 'xlsx', res);
  }

  @Get()
  @Roles(...ALL_ROLES)
  async home(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    // The outcome of a form posted from this page rides along; the rest is the search.
    const { loi: problem, 'ket-qua': outcome, ...search } = raw;
    // A form sends its empty fields: they mean "any".
    const given = Object.fromEntries(
      Object.entries(search).filter(([, v]) => v !== '' && v !== undefined),
    );
    const query = await this.forms.valid(DossierQueryDto, given);
    const staff = actor.role !== Role.UnitOfficer;
    // Independent reads, side by side: the queue, the notices and what the filters offer.
    const [page, , notices, units, movements, awardForms] = await Promise.all([
      this.dossiers.queue(actor, query),
      // The layout's header, read side by side too (WebPages.page then finds it read).
      this.pages.header(actor).then(() => undefined),
      this.notifications.list(actor, { limit: 5, offset: 0 } as never),
      staff ? this.units.visibleTo(actor) : null,
      this.movements.visibleTo(actor),
      staff ? this.awards.list(actor) : [],
    ]);
    // Who appraises each dossier on the page (Home Affairs shares the queue out).
    const appraisers = staff
      ? await this.users.namesOf(
          actor,
          page.items.map((d) => d.assignedTo),
        )
      : new Map<string, string>();
    const launched = staff
      ? []
      : movements
          .filter((m) => m.status === 'launched')
          .map((m) => ({ id: m.id, title: m.title, deadline: formatDate(m.registrationDeadline) }));
    const rows = page.items.map((d) => ({
      id: d.id,
      title: d.title,
      unitName: d.unit?.name ?? '',
      status: d.status,
      statusLabel: d.statusLabel,
      submittedOn: formatDate(d.submittedAt),
      dueOn: formatDate(d.appraisalDueOn),
      overdue: d.overdue,
      appraiser: (d.assignedTo && appraisers.get(d.assignedTo)) ?? '—',
      steps: d.allowedActions.filter((a) => QUEUE_STEPS.includes(a)),
      actions: d.allowedActions.map((a) => WORKFLOW[a].label).join(', '),
    }));
    // What units have not sent is theirs alone: staff have no such tabs.
    const statuses = Object.values(DossierStatus)
      .filter((status) => !staff || !UNIT_ONLY_STATUSES.includes(status))
      .map((status) => ({
        value: status,
        label: DOSSIER_STATUS_LABELS[status],
        count: page.counts[status] ?? 0,
        selected: query.status === status,
      }));
    return this.pages.page(
      actor,
      'home',
      staff ? 'Hồ sơ đề nghị khen thưởng' : 'Hồ sơ của đơn vị',
      {
        isUnit: !staff,
        problem: typeof problem === 'string' && problem ? problem : null,
        outcome: typeof outcome === 'string' && outcome ? outcome : null,
        launched,
        notices: notices.items.map((n) => ({
          id: n.id,
          message: n.message,
          at: formatDate(n.createdAt),
          unread: !n.readAt,
          href: n.dossierId ? `/ho-so/${n.dossierId}` : null,
        })),
        unreadIds: notices.items.filter((n) => !n.readAt).map((n) => n.id),
        statuses,
        filters: staff && {
          units: units!.map((u) => option(u.id, u.name, query.unitId)),
          movements: movements.map((m) => option(m.id, m.title, query.movementId)),
          awardForms: awardForms.map((f) => option(f.id, f.name, query.awardFormId)),
          overdue: !!query.overdue,
          dueSoon: !!query.dueSoon,
          assignedToMe: !!query.assignedToMe,
          sorts: [
            { value: 'submittedAt', label: 'Ngày gửi', selected: query.sort === 'submittedAt' },
            {
              value: 'appraisalDueOn',
              label: 'Hạn thẩm định',
              selected: query.sort === 'appraisalDueOn',
            },
            {
              value: 'updatedAt',
              label: 'Cập nhật gần nhất',
              selected: query.sort === 'updatedAt',
            },
          ],
          desc: query.order === 'desc',
          // The extra filters stay open while one of them is in use.
          active: !!(
            query.unitId ||
            query.movementId ||
            query.awardFormId ||
            query.overdue ||
            query.dueSoon ||
            query.assignedToMe ||
            query.order === 'desc' ||
            query.sort !== 'submittedAt'
          ),
        },
        total: page.total,
        rows,
        pager: pager('/', given, page),
        // The steps ticked dossiers can take at once (those of the rows shown); back to this search.
        queueSteps: QUEUE_STEPS.filter((a) => rows.some((r) => r.steps.includes(a))).map(
          (action) => ({ action, label: `${WORKFLOW[action].label} các hồ sơ đã chọn` }),
        ),
        search: searchOf(given),
        // The same search, downloaded (every page of it).
        download: searchOf(given, ['limit', 'offset']),
      },
      this.forms.csrf(req),
    );
  }

  @Get('ho-so/:id')
  @Roles(...ALL_ROLES)
  async dossier(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Query('loi') problem?: string,
    @Query('tim') search?: string,
    @Query('tep') keptFile?: string,
  ) {
    return this.dossierPage.render(actor, id, this.forms.csrf(req), { problem, search, keptFile });
  }

  /** Marks the notices shown on the home page as read. */
  @FormPost('thong-bao/da-doc', ...ALL_ROLES)
  async markRead(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const ids = asList(body.ids).filter(isUuid);
    await this.forms.back(res, '/', async () => {
      if (ids.length) await this.notifications.markRead(actor, ids);
    });
    return '';
  }

  /**
   * The dossiers ticked on the queue's page, moved by one step at once (a
   * Monday's new dossiers shared out, a batch of appraised ones sent on), each
   * as its own step; back to the same search with what was done and what was
   * refused, and why. The step is one of QUEUE_STEPS, named by the button.
   */
  @FormPost('ho-so/xu-ly-nhieu', ...new Set(QUEUE_STEPS.flatMap((a) => WORKFLOW[a].roles)))
  async stepTicked(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The search the page showed, without its last outcome.
    const search = new URLSearchParams(typeof body.search === 'string' ? body.search : '');
    for (const key of ['loi', 'ket-qua']) search.delete(key);
    const action = QUEUE_STEPS.find((a) => a === body.action);
    const ids = asList(body.ids).filter(isUuid).slice(0, AT_ONCE_AT_MOST);
    if (!action)
      search.set(
        'loi',
        `Hãy chọn một việc: ${QUEUE_STEPS.map((a) => `“${WORKFLOW[a].label}”`).join(', ')}.`,
      );
    else if (!ids.length)
      search.set('loi', `Hãy chọn ít nhất một hồ sơ để “${WORKFLOW[action].label}”.`);
    else {
      const { label } = WORKFLOW[action];
      const { done, refused } = await this.workflow.transitionEach(actor, ids, action);
      if (done.length) search.set('ket-qua', `${label}: xong ${done.length} hồ sơ.`);
      if (refused.length)
        search.set(
          'loi',
          `${label}: không thực hiện được ${refused.length} hồ sơ: ${refused
            .map((r) => (r.title ? `“${r.title}”: ${r.message}` : r.message))
            .join(' ')}`,
        );
    }
    res.header('Location', `/?${search}`);
    return '';
  }

  /** A file of a dossier, inline in the browser where it can show it (PDF, images). */
  @Get('tep/:id')
  @Roles(...ALL_ROLES)
  async file(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.files.download(actor, id, 'inline');
  }

  /** A council member's vote on one nominee (the API's vote, its recusal rule). */
  @FormPost('ho-so/:id/bieu-quyet/:nomineeId', Role.CouncilMember)
  async vote(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, async () => {
      const choice = body.choice as VoteChoice;
      if (!Object.values(VoteChoice).includes(choice))
        throw AppError.invalidField(
          'choice',
          'Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.',
        );
      await this.council.vote(actor, id, nomineeId, choice);
    });
    return '';
  }

  /** The council's minute of the dossier's last vote, in the browser. */
  @Get('ho-so/:id/bien-ban-hoi-dong')
  @Roles(...STAFF_ROLES)
  async minutes(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return inlinePdf(await this.council.minutesPdf(actor, id), 'bien-ban-hoi-dong');
  }

  /** The chairman refuses one nominee awaiting a decision, with the reason (the API's refusal). */
  @FormPost('ho-so/:id/doi-tuong/:nomineeId/khong-khen-thuong', ...NOMINEE_MOVES.refuse.roles!)
  async refuseNominee(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, async () => {
      const dto = await this.forms.valid(
        RefuseNomineeDto,
        { reason: body.reason },
        { reason: 'Hãy ghi lý do không khen thưởng (từ 5 ký tự).' },
      );
      await this.workflow.refuseNominee(actor, id, nomineeId, dto.reason);
    });
    return '';
  }

  /** Home Affairs confirms a condition a person must judge (an ATTEST rule), with the reason. */
  @FormPost('ho-so/:id/doi-tuong/:nomineeId/xac-nhan', Role.HomeAffairs)
  async attest(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, async () => {
      const dto = await this.forms.valid(
        AttestDto,
        { rule: body.rule, reason: body.reason },
        { reason: 'Hãy ghi căn cứ xác nhận (từ 5 ký tự).', rule: 'Điều kiện không hợp lệ.' },
      );
      await this.dossiers.attest(actor, id, nomineeId, dto.rule, dto.reason);
    });
    return '';
  }

  /** Forwards one nominee upward with the letter that carries it (the API's forward). */
  @FormPost('ho-so/:id/doi-tuong/:nomineeId/trinh-cap-tren', ...NOMINEE_MOVES.forward.roles!)
  async forward(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, async () => {
      const dto = await this.forms.valid(
        ForwardDto,
        { reference: body.reference, forwardedOn: body.forwardedOn },
        {
          reference: 'Hãy ghi số và ngày của tờ trình gửi cấp trên.',
          forwardedOn: 'Ngày trình phải viết dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2026-12-20.',
        },
      );
      await this.dossiers.forward(actor, id, nomineeId, dto.reference, dto.forwardedOn);
    });
    return '';
  }

  /**
   * Records the level above's decision on a forwarded nominee (the API's
   * higher-decision), with the decision's file when one is chosen: stored as
   * any evidence once the form's fields are valid.
   */
  @MultipartFormPost(
    'ho-so/:id/doi-tuong/:nomineeId/cap-tren',
    ...NOMINEE_MOVES.higher_award.roles!,
  )
  @UseInterceptors(FileInterceptor('file'))
  async higherDecision(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('nomineeId') nomineeId: string,
    @UploadedFile() file: Upload | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/ho-so/${id}`, async () => {
      const dto = await this.forms.valid(
        HigherDecisionDto,
        {
          awarded: body.awarded === 'true' ? true : body.awarded === 'false' ? false : body.awarded,
          decidedBy: body.decidedBy,
          number: body.number,
          date: body.date,
          formName:
            typeof body.formName === 'string' && body.formName.trim() ? body.formName : undefined,
        },
        {
          awarded: 'Hãy chọn được hay không được khen thưởng.',
          decidedBy: 'Hãy ghi cơ quan hoặc người ra quyết định.',
          number: 'Hãy ghi số quyết định.',
          date: 'Ngày quyết định phải viết dạng năm-tháng-ngày (YYYY-MM-DD).',
          formName: 'Hình thức khen thưởng từ 3 đến 200 ký tự.',
        },
      );
      const fileId = file ? (await this.files.upload(actor, file)).id : undefined;
      await this.dossiers.recordHigherDecision(actor, id, nomineeId, { ...dto, fileId });
    });
    return '';
  }

  /**
   * A step from the dossier page: the same transition as the API's, then back
   * to the page. A stale page or a refused step goes back to the current
   * state with why, in Vietnamese; a step with a form of its own (supplement,
   * appraisal) comes back with what was chosen and each error beside its place.
   */
  @FormPost('ho-so/:id/buoc/:action', ...ALL_ROLES)
  async step(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Param('action') action: string,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    if (!Object.hasOwn(WORKFLOW, action)) throw AppError.notFound('Bước xử lý');
    const step = action as DossierAction;
    let input: TransitionDto | undefined;
    try {
      input = await stepInput(this.forms, step, body);
      await this.workflow.transition(actor, id, step, input);
      res.header('Location', `/ho-so/${id}`);
      return '';
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      if (error.status !== 400 || !FORM_STEPS.includes(step)) {
        res.header('Location', `/ho-so/${id}?${new URLSearchParams({ loi: error.message })}`);
        return '';
      }
      res.status(200);
      return this.dossierPage.render(actor, id, this.forms.csrf(req), {
        problem: 'Chưa thực hiện được: hãy sửa các mục được ghi chú bên dưới.',
        stepForm: { action: step, values: body, errors: stepErrors(this.forms, error, input) },
      });
    }
  }
}

const PASSWORD_MESSAGES: Record<string, string> = {
  currentPassword: 'Hãy nhập mật khẩu hiện tại.',
  newPassword: 'Mật khẩu mới phải có từ 8 đến 128 ký tự, gồm cả chữ và số.',
};

/** What a page says when a form's field is wrong (the API names the field instead). */
const FORM_MESSAGES: Record<string, string> = {
  items: 'Hãy chọn hoặc ghi ít nhất một nội dung đơn vị cần bổ sung.',
  results: 'Hãy chọn kết quả thẩm định cho từng đối tượng.',
  comment: 'Hãy ghi ý kiến hoặc lý do (ít nhất 3 ký tự).',
};

/**
 * A refused step form's errors by place: a nominee's (by its id, from the
 * API's `results.i` path) or a field's (`items`, `comment`, `results`).
 */
function stepErrors(forms: WebForms, error: AppError, input: TransitionDto | undefined) {
  const results = (input as AppraiseDto | undefined)?.results ?? [];
  const byNominee: Record<string, string> = {};
  const rest = [];
  for (const d of error.details) {
    const at = /^results\.(\d+)\./.exec(d.field);
    const id = at && results[Number(at[1])]?.nomineeId;
    if (id) byNominee[id] ??= d.message;
    else rest.push(d);
  }
  const { form, ...fields } = forms.fieldErrors(
    { message: error.message, details: rest },
    FORM_MESSAGES,
  );
  return { ...(Object.keys(byNominee).length ? {} : { form }), ...fields, ...byNominee };
}

/** A step's form as the API's input, validated with the API's own DTO. */
function stepInput(
  forms: WebForms,
  action: DossierAction,
  body: Record<string, unknown>,
): Promise<TransitionDto> {
  const base = {
    comment: typeof body.comment === 'string' ? body.comment : undefined,
    version: Number(body.version) || undefined,
  };
  if (action === 'request_supplement')
    return forms.valid(
      SupplementDto,
      { ...base, items: [...asList(body.items), ...asList(body.other)] },
      FORM_MESSAGES,
    );
  if (action === 'appraise')
    return forms.valid(
      AppraiseDto,
      {
        ...base,
        results: Object.keys(body)
          .filter((k) => k.startsWith('result_'))
          .map((k) => ({
            nomineeId: k.slice('result_'.length),
            result: body[k],
            reason: asList(body[`reason_${k.slice('result_'.length)}`])[0],
          })),
      },
      FORM_MESSAGES,
    );
  return forms.valid(TransitionDto, base, FORM_MESSAGES);
}

/** Only a path of this site may follow the sign-in (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}
