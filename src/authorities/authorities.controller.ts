import { ApiFileBody } from '../common/http/api-file-body';
import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { Actor, CurrentActor } from '../access/actor';
import { ALL_ROLES, Role } from '../access/roles';
import { UpdateAuthorityDto } from './authorities.dto';
import { AuthoritiesService, EMBLEM_MAX_BYTES } from './authorities.service';
import { QrKeysService } from './qr-keys.service';
import { AppError } from '../common/errors/app-error';

/** The images of a signature's appearance, by their route's name. */
function signingImage(kind: string): 'signature' | 'seal' {
  if (kind === 'signature' || kind === 'seal') return kind;
  throw AppError.invalidField(
    'kind',
    'Trường "kind" phải là signature (chữ ký) hoặc seal (con dấu).',
    'isIn',
  );
}

/** An admin's change of one of the authority's images: 204, and for uploads the file's form field and size limit. */
function AdminImageRoute(summary: string, upload: boolean) {
  return applyDecorators(
    Roles(Role.Admin),
    HttpCode(204),
    ApiOperation({ summary }),
    ...(upload
      ? [
          UseInterceptors(
            FileInterceptor('file', { limits: { fileSize: EMBLEM_MAX_BYTES * 4, files: 1 } }),
          ),
          ApiFileBody(),
        ]
      : []),
  );
}

@ApiTags('Cơ quan có thẩm quyền')
@Controller('authority')
export class AuthoritiesController {
  constructor(
    private readonly authorities: AuthoritiesService,
    private readonly qrKeys: QrKeysService,
  ) {}

  @Post('qr-keys/rotate')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Đổi khóa ký mã QR ngoại tuyến: khóa mới ký các Giấy khen in từ nay, khóa cũ vẫn được công bố để Giấy khen đã in vẫn kiểm tra được',
  })
  rotateQrKey(@CurrentActor() actor: Actor) {
    return this.qrKeys.rotate(actor);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Cơ quan của người dùng đang đăng nhập' })
  own(@CurrentActor() actor: Actor) {
    return this.authorities.own(actor);
  }

  @Patch()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Sửa thông tin cơ quan (tên, địa danh, chức danh ký)' })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateAuthorityDto) {
    return this.authorities.update(actor, dto);
  }

  @Put('emblem')
  @AdminImageRoute('Ảnh Quốc huy in trên Giấy khen (PNG hoặc JPEG, tối đa 300 KB)', true)
  async setEmblem(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { buffer: Buffer; size: number } | undefined,
  ) {
    if (!file) throw AppError.invalidField('file', 'Hãy chọn tệp ảnh Quốc huy.', 'required');
    await this.authorities.setEmblem(actor, file);
  }

  @Put('images/:kind')
  @AdminImageRoute(
    'Ảnh chữ ký (signature) hoặc con dấu (seal) in trên văn bản máy chủ ký số bằng khóa của cơ quan (PNG hoặc JPEG, tối đa 300 KB)',
    true,
  )
  async setImage(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @UploadedFile() file: { buffer: Buffer; size: number } | undefined,
  ) {
    if (!file) throw AppError.invalidField('file', 'Hãy chọn tệp ảnh.', 'required');
    await this.authorities.setImage(actor, signingImage(kind), file);
  }

  @Delete('images/:kind')
  @AdminImageRoute('Bỏ ảnh chữ ký hoặc con dấu', false)
  async removeImage(@CurrentActor() actor: Actor, @Param('kind') kind: string) {
    await this.authorities.setImage(actor, signingImage(kind), null);
  }

  @Delete('emblem')
  @AdminImageRoute('Bỏ ảnh Quốc huy: Giấy khen in không có Quốc huy', false)
  async removeEmblem(@CurrentActor() actor: Actor) {
    await this.authorities.setEmblem(actor, null);
  }
}
