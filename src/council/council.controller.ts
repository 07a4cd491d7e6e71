import { Body, Controller, Get, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { Role, STAFF_ROLES } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { VoteChoice } from './council.entity';
import { CouncilService } from './council.service';

class VoteDto {
  @ApiProperty() @IsUUID() nomineeId!: string;
  @ApiProperty({
    enum: VoteChoice,
    description:
      'agree: đồng ý, disagree: không đồng ý, abstain: không biểu quyết, recused: tránh biểu quyết',
  })
  @IsEnum(VoteChoice)
  choice!: VoteChoice;
}

@ApiTags('Hội đồng Thi đua - Khen thưởng')
@Controller('dossiers/:id')
export class CouncilController {
  constructor(private readonly council: CouncilService) {}

  @Post('votes')
  @Roles(Role.CouncilMember)
  @ApiOperation({ summary: 'Thành viên Hội đồng bỏ phiếu cho một đối tượng' })
  vote(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: VoteDto) {
    return this.council.vote(actor, id, dto.nomineeId, dto.choice);
  }

  @Get('council/minutes')
  @Roles(...STAFF_ROLES)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Biên bản họp Hội đồng của phiên biểu quyết gần nhất (PDF)' })
  async minutes(@CurrentActor() actor: Actor, @IdParam() id: string) {
    const pdf = await this.council.minutesPdf(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: 'inline; filename="bien-ban-hoi-dong.pdf"',
    });
  }

  @Get('council')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Các phiên bỏ phiếu của hồ sơ, phiếu đã bỏ và biên bản' })
  sessions(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.council.sessions(actor, id);
  }
}
