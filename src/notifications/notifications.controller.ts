import { IsBooleanQuery } from '../common/validation/is-boolean-query';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from '../common/validation/optional';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES } from '../access/roles';
import { PageQueryDto } from '../common/pagination';
import { IdParam } from '../common/validation/id-param';
import { NotificationsService } from './notifications.service';

class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc' })
  @IsOptional()
  @IsBooleanQuery()
  unread?: boolean;
}

@ApiTags('Thông báo')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Thông báo của tôi' })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto) {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @Roles(...ALL_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Đánh dấu đã đọc' })
  read(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.notifications.markRead(actor, [id]);
  }
}
