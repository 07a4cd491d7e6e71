import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { AppError } from '../common/errors/app-error';
import { IdParam } from '../common/validation/id-param';
import { SubjectKind } from './movement.entity';
import {
  CreateMovementDto,
  CreateRoundDto,
  MovementQueryDto,
  PutCriteriaDto,
  UpdateMovementDto,
  UpdateRoundDto,
} from './movements.dto';
import { MovementsService } from './movements.service';

/** The coordinator (Phòng Văn hóa và Thông tin) and admins run movements. */
const MANAGERS = [Role.Coordinator, Role.Admin];

function SubjectKindParam() {
  return Param(
    'subjectKind',
    new ParseEnumPipe(SubjectKind, {
      exceptionFactory: () =>
        AppError.invalidField(
          'subjectKind',
          `Trường "subjectKind" phải là một trong: ${Object.values(SubjectKind).join(', ')}.`,
          'isEnum',
        ),
    }),
  );
}

@ApiTags('Phong trào thi đua')
@Controller('movements')
export class MovementsController {
  constructor(private readonly movements: MovementsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh sách phong trào của cơ quan' })
  list(@CurrentActor() actor: Actor, @Query() query: MovementQueryDto) {
    return this.movements.list(actor, query);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Chi tiết phong trào: các đợt, bộ tiêu chuẩn hiện hành, thao tác được phép',
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.movements.get(actor, id);
  }

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Tạo phong trào (dự thảo)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMovementDto) {
    return this.movements.create(actor, dto);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Sửa phong trào' })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateMovementDto) {
    return this.movements.update(actor, id, dto);
  }

  @Post(':id/launch')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Phát động phong trào (bộ tiêu chuẩn được cố định)' })
  launch(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.movements.transition(actor, id, 'launch');
  }

  @Post(':id/close')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc phong trào' })
  close(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.movements.transition(actor, id, 'close');
  }

  @Post(':id/rounds')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Thêm đợt đánh giá (hằng năm, sơ kết, tổng kết)' })
  addRound(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreateRoundDto) {
    return this.movements.addRound(actor, id, dto);
  }

  @Patch(':id/rounds/:roundId')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Sửa hoặc khoá đợt đánh giá' })
  updateRound(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Body() dto: UpdateRoundDto,
  ) {
    return this.movements.updateRound(actor, id, roundId, dto);
  }

  @Get(':id/criteria')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Mọi phiên bản bộ tiêu chuẩn của phong trào' })
  criteria(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.movements.criteriaHistory(actor, id);
  }

  @Put(':id/criteria/:subjectKind')
  @Roles(...MANAGERS)
  @ApiParam({ name: 'subjectKind', enum: SubjectKind })
  @ApiOperation({
    summary: 'Ban hành bộ tiêu chuẩn cho một đối tượng (sau khi phát động: tạo phiên bản mới)',
  })
  putCriteria(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @SubjectKindParam() subjectKind: SubjectKind,
    @Body() dto: PutCriteriaDto,
  ) {
    return this.movements.putCriteria(actor, id, subjectKind, dto);
  }
}
