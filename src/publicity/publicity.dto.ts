import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  Matches,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { IsOptional } from '../common/validation/optional';

export class CreatePublicationDto {
  @ApiProperty({ example: 'Công khai danh sách dự kiến khen thưởng năm 2026' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ description: 'Ngày bắt đầu công khai (mặc định hôm nay)' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsOn?: string;

  @ApiProperty({ description: 'Số ngày công khai, từ 1 đến 30', example: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  days!: number;

  @ApiPropertyOptional({
    description: 'Chỉ các đối tượng của đợt xét này (mặc định: tất cả đang chờ quyết định)',
  })
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

/** Plain text only: no link, no markup (an opinion is read by officers, never rendered as HTML). */
@ValidatorConstraint({ name: 'plainText' })
class PlainText implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      typeof value === 'string' &&
      !/[<>]/.test(value) &&
      !/(https?:\/\/|www\.|\b[\w-]+\.(com|net|org|info|vn|xyz|io|ru|cn)\b)/i.test(value)
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `Trường "${args.property}" chỉ được chứa chữ: không có đường dẫn (link) hay mã HTML.`;
  }
}

export class CreateOpinionDto {
  @ApiProperty({
    description: 'Nội dung ý kiến, từ 10 đến 2.000 ký tự, không chứa đường dẫn hay mã HTML',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  @Validate(PlainText)
  content!: string;

  @ApiPropertyOptional({ description: 'Họ tên người gửi (có thể để trống)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Validate(PlainText)
  senderName?: string;

  @ApiPropertyOptional({
    description: 'Điện thoại hoặc thư điện tử để liên hệ lại (có thể để trống)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(/^[\p{L}\d\s@.+()_,-]*$/u, {
    message: 'Trường "contact" chỉ gồm số điện thoại hoặc địa chỉ thư điện tử.',
  })
  contact?: string;

  @ApiPropertyOptional({
    description: 'Số thứ tự của đối tượng trong danh sách mà ý kiến nói đến (từ 1)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  entry?: number;
}
