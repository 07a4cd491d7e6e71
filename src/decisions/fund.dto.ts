import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptional } from '../common/validation/optional';
import { OptionalYear } from '../common/validation/optional-year';

export class FundYearQueryDto {
  @ApiPropertyOptional({ description: 'Năm (mặc định: năm nay)' })
  @OptionalYear()
  year?: number;
}

export class FundReportQueryDto extends FundYearQueryDto {
  @ApiPropertyOptional({ enum: ['pdf', 'xlsx'], default: 'pdf' })
  @IsOptional()
  @IsIn(['pdf', 'xlsx'])
  format?: 'pdf' | 'xlsx';
}

export class SetFundDto {
  @ApiProperty({ description: 'Số tiền của quỹ trong năm (đồng)', example: 50000000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  amount!: number;

  @ApiProperty({ example: 'Quyết định số 05/QĐ-UBND ngày 10/01/2027 giao dự toán ngân sách' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  reference!: string;
}
