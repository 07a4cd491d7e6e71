import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { DraftFormat } from './drafts.service';

export class DraftQueryDto {
  @ApiPropertyOptional({
    enum: DraftFormat,
    default: DraftFormat.Pdf,
    description: 'pdf để in, docx để sửa trong Word',
  })
  @IsOptional()
  @IsEnum(DraftFormat)
  format?: DraftFormat;
}
