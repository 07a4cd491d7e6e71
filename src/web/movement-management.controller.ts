import { Body, Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { MOVEMENT_STATUS_LABELS, SubjectKind } from '../movements/movement.entity';
import {
  CreateMovementDto,
  CreateRoundDto,
  MovementQueryDto,
  PutCriteriaDto,
} from '../movements/movements.dto';
import { MovementsService } from '../movements/movements.service';
import { formatDate, pager } from './format';
import { FormPost } from './web-form.decorators';
import { WebErrors } from './web-errors.filter';
import { lines, WebForms } from './web-forms';
import { WebPages } from './web-pages';
import { MANAGERS } from './movement-forms';

const MOVEMENT_MESSAGES: Record<string, string> = {
  title: 'Tên phong trào từ 5 đến 300 ký tự.',
  legalBases: 'Mỗi dòng một căn cứ, tối đa 500 ký tự một dòng.',
  registrationDeadline: 'Hạn đăng ký phải là một ngày (dd/mm/yyyy).',
};

const ROUND_MESSAGES: Record<string, string> = {
  kind: 'Hãy chọn loại đợt.',
  name: 'Tên đợt từ 2 đến 200 ký tự.',
  periodStart: 'Ngày bắt đầu kỳ phải là một ngày (dd/mm/yyyy).',
  periodEnd: 'Ngày kết thúc kỳ phải là một ngày (dd/mm/yyyy).',
  reportDeadline: 'Hạn báo cáo phải là một ngày (dd/mm/yyyy).',
  nominationDeadline: 'Hạn đề nghị khen thưởng phải là một ngày (dd/mm/yyyy).',
};

/**
 * The coordinator's work on movements: the list, a new movement, launching
 * and closing it, its rounds and the criteria of each subject kind, on the
 * movements service the API uses. The movement's own page (with the
 * registration coverage) is MovementPagesController's.
 */
@ApiExcludeController()
@Controller('phong-trao')
@UseFilters(WebErrors)
export class MovementManagementController {
  constructor(
    private readonly pages: WebPages,
    private readonly forms: WebForms,
    private readonly movements: MovementsService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  async list(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Req() req: FastifyRequest,
  ) {
    const { given, query } = await this.forms.query(MovementQueryDto, raw);
    const page = await this.movements.list(actor, query);
    return this.pages.page(
      actor,
      'movements',
      'Phong trào thi đua',
      {
        canManage: MANAGERS.includes(actor.role),
        total: page.total,
        rows: page.items.map((m) => ({
          id: m.id,
          title: m.title,
          status: MOVEMENT_STATUS_LABELS[m.status],
          deadline: formatDate(m.registrationDeadline),
        })),
        pager: pager('/phong-trao', given, page),
      },
      this.forms.csrf(req),
    );
  }

  @Get('moi')
  @Roles(...MANAGERS)
  async newMovement(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    return this.movementForm(actor, this.forms.csrf(req), {}, {});
  }

  private movementForm(
    actor: Actor,
    csrf: string,
    typed: Record<string, unknown>,
    errors: Record<string, string>,
  ) {
    const text = (field: string) => (typeof typed[field] === 'string' ? typed[field] : '');
    return this.pages.page(
      actor,
      'movement-new',
      'Phát động phong trào mới',
      {
        problem: Object.keys(errors).length
          ? 'Chưa tạo được phong trào: hãy sửa các ô được ghi chú bên dưới.'
          : null,
        title: text('title'),
        legalBases: text('legalBases'),
        registrationDeadline: text('registrationDeadline'),
        errors,
      },
      csrf,
    );
  }

  /** A new movement, in draft: its criteria and rounds come next, then the launch. */
  @FormPost('moi', ...MANAGERS)
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
          CreateMovementDto,
          {
            title: body.title,
            legalBases: lines(body.legalBases),
            registrationDeadline: body.registrationDeadline,
          },
          MOVEMENT_MESSAGES,
        );
        return `/phong-trao/${(await this.movements.create(actor, dto)).id}`;
      },
      (errors) => this.movementForm(actor, this.forms.csrf(req), body, errors),
      MOVEMENT_MESSAGES,
    );
  }

  @FormPost(':id/phat-dong', ...MANAGERS)
  async launch(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/phong-trao/${id}`, () =>
      this.movements.transition(actor, id, 'launch'),
    );
    return '';
  }

  @FormPost(':id/ket-thuc', ...MANAGERS)
  async close(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/phong-trao/${id}`, () =>
      this.movements.transition(actor, id, 'close'),
    );
    return '';
  }

  @FormPost(':id/them-dot', ...MANAGERS)
  async addRound(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/phong-trao/${id}`, async () => {
      const dto = await this.forms.valid(
        CreateRoundDto,
        {
          kind: body.kind,
          name: body.name,
          periodStart: body.periodStart,
          periodEnd: body.periodEnd,
          reportDeadline: body.reportDeadline,
          nominationDeadline: body.nominationDeadline,
        },
        ROUND_MESSAGES,
      );
      await this.movements.addRound(actor, id, dto);
    });
    return '';
  }

  @FormPost(':id/dot/:roundId/khoa', ...MANAGERS)
  async lockRound(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    await this.forms.back(res, `/phong-trao/${id}`, () =>
      this.movements.updateRound(actor, id, roundId, { closed: true }),
    );
    return '';
  }

  /**
   * The criteria of one subject kind, from the form's rows (blank rows are
   * left out); after the launch, a new version. Refused: back with the reason.
   */
  @FormPost(':id/tieu-chi/:kind', ...MANAGERS)
  async criteria(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Param('kind') kind: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    if (!Object.values(SubjectKind).includes(kind as SubjectKind))
      throw AppError.notFound('Đối tượng thi đua');
    await this.forms.back(res, `/phong-trao/${id}`, async () => {
      const rows = [];
      for (let i = 0; `code_${i}` in body; i++) {
        const code = String(body[`code_${i}`] ?? '').trim();
        const text = String(body[`text_${i}`] ?? '').trim();
        if (!code && !text) continue;
        const threshold = String(body[`threshold_${i}`] ?? '')
          .trim()
          .replace(',', '.');
        rows.push({
          code,
          text,
          type: body[`type_${i}`],
          mandatory: body[`mandatory_${i}`] === 'true',
          ...(threshold ? { threshold: Number(threshold) } : {}),
        });
      }
      const dto = await this.forms.valid(
        PutCriteriaDto,
        { criteria: rows },
        {
          criteria:
            'Mỗi tiêu chí cần mã (chữ không dấu, số), nội dung từ 5 ký tự, loại, và ngưỡng là một số với tỷ lệ % hoặc số lượng.',
        },
      );
      await this.movements.putCriteria(actor, id, kind as SubjectKind, dto);
    });
    return '';
  }
}
