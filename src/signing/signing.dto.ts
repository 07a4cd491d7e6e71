import { ApiProperty } from '@nestjs/swagger';
import { IsBase64, IsString, MaxLength, MinLength } from 'class-validator';

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

export class CompleteHashDto {
  @ApiProperty({
    description:
      'Chữ ký CMS (PKCS#7, DER, base64) do phần mềm ký tạo trên mã băm đã nhận, kèm chứng thư số của người ký',
  })
  @IsString()
  @IsBase64()
  @MinLength(100)
  @MaxLength(60000)
  cms!: string;
}
