import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class AddTrustedCaDto {
  @ApiProperty({
    description: 'Chứng thư số của tổ chức chứng thực (CA gốc), dạng PEM',
    example: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----',
  })
  @IsString()
  @MinLength(100)
  @MaxLength(20000)
  pem!: string;
}
