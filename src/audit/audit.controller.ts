import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

/** Read-only: there is no route that changes or deletes an audit record. */
@ApiTags('Nhật ký thao tác')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({ summary: 'Tra cứu nhật ký thao tác của cơ quan' })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto) {
    return this.audit.list(actor, query);
  }
}
