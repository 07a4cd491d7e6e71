import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { IdParam } from '../common/validation/id-param';
import { IsDateOnly } from '../common/validation/is-date-only';
import { CalendarService } from './calendar.service';

class HolidayQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

class CreateHolidayDto {
  @ApiProperty({ example: '2026-09-02' }) @IsDateOnly() date!: string;
  @ApiProperty({ example: 'Quốc khánh' }) @IsString() @MinLength(2) @MaxLength(200) name!: string;
}

@ApiTags('Lịch làm việc')
@Controller('holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Các ngày nghỉ lễ, Tết (không tính vào thời hạn thẩm định)' })
  list(@CurrentActor() actor: Actor, @Query() query: HolidayQueryDto) {
    return this.calendar.list(actor, query.year);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Thêm ngày nghỉ' })
  add(@CurrentActor() actor: Actor, @Body() dto: CreateHolidayDto) {
    return this.calendar.add(actor, dto.date, dto.name);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Bỏ ngày nghỉ' })
  remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.calendar.remove(actor, id);
  }
}
