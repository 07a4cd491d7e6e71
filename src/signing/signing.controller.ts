import { ApiFileBody } from '../common/http/api-file-body';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../access/access.decorators';
import { OnlyThrottle } from '../common/http/throttles';
import type { FastifyRequest } from 'fastify';
import { Actor, CurrentActor } from '../access/actor';
import { Role } from '../access/roles';
import { inlinePdf } from '../common/http/send-file';
import { IdParam } from '../common/validation/id-param';
import type { UploadedFile as Upload } from '../files/files.service';
import { AddTrustedCaDto, CompleteHashDto } from './signing.dto';
import { SigningService } from './signing.service';

/** Who reads a decision's signing state. */
export const SIGNING_READERS = [
  Role.HomeAffairs,
  Role.Chairman,
  Role.ViceChairman,
  Role.Admin,
  Role.CouncilMember,
];
/** Who signs with a token: the signers, and Home Affairs uploading what they signed. */
export const TOKEN_SIGNERS = [Role.Chairman, Role.ViceChairman, Role.HomeAffairs];
/** Who applies the organisation's key (the clerk's seal). */
export const SEALERS = [Role.HomeAffairs, Role.Admin];

/** A signed PDF is at most a few megabytes: a decision with its annex and signatures. */
export const SIGNED_UPLOAD = FileInterceptor('file', {
  limits: { fileSize: 20 * 1024 * 1024, files: 1 },
});

@ApiTags('Ký số')
@Controller()
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  @Get('decisions/:id/signing')
  @Roles(...SIGNING_READERS)
  @ApiOperation({
    summary:
      'Tình trạng ký số của quyết định: các chữ ký (người ký, thời điểm, hợp lệ hay không), có khóa của cơ quan trên máy chủ hay không',
  })
  status(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.signing.status(actor, id);
  }

  @Get('decisions/:id/signing/original')
  @Roles(...TOKEN_SIGNERS, Role.Admin)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'Bản quyết định đã ban hành để ký số (hoặc bản đã ký gần nhất để ký tiếp); giữ nguyên từng byte, ký xong tải lên lại',
  })
  async original(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return inlinePdf(await this.signing.latest(actor, id), 'quyet-dinh-de-ky');
  }

  @Post('decisions/:id/signing/upload')
  @Roles(...TOKEN_SIGNERS)
  @HttpCode(200)
  @UseInterceptors(SIGNED_UPLOAD)
  @ApiFileBody()
  @ApiOperation({
    summary:
      'Tải lên quyết định đã ký số bằng thiết bị ký số: chỉ nhận khi nội dung đã phát hành giữ nguyên, mọi chữ ký hợp lệ và chứng thư do CA tin cậy cấp',
  })
  upload(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @UploadedFile() file: Upload | undefined,
  ) {
    return this.signing.upload(actor, id, file?.buffer);
  }

  @Post('decisions/:id/signing/callback')
  @Roles(...TOKEN_SIGNERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Địa chỉ dùng một lần (15 phút) để phần mềm ký của cơ quan gửi thẳng tệp đã ký về, thay cho người ký tải lên',
  })
  callback(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.signing.callback(actor, id);
  }

  @Post('signing/callback/:token')
  @Public()
  @OnlyThrottle('verify')
  @HttpCode(200)
  @UseInterceptors(SIGNED_UPLOAD)
  @ApiFileBody()
  @ApiOperation({
    summary:
      'Phần mềm ký gửi tệp PDF đã ký về địa chỉ dùng một lần; kiểm tra như tệp tải lên, ghi nhận cho người đã lấy địa chỉ',
  })
  fromCallback(
    @Param('token') token: string,
    @UploadedFile() file: Upload | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.signing.fromCallback(
      token,
      file?.buffer,
      typeof req.id === 'string' ? req.id : null,
    );
  }

  @Post('decisions/:id/signing/hash')
  @Roles(...TOKEN_SIGNERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Ký số kiểu ký mã băm (phần mềm ký chỉ ký mã băm): chuẩn bị chỗ cho chữ ký trên bản mới nhất và trả mã băm SHA-256 cần ký',
  })
  prepareHash(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.signing.prepareHash(actor, id);
  }

  @Post('decisions/:id/signing/hash/complete')
  @Roles(...TOKEN_SIGNERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Nhận chữ ký CMS của mã băm, gắn vào văn bản và kiểm tra như mọi bản đã ký (nội dung, chữ ký, chứng thư tin cậy)',
  })
  completeHash(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CompleteHashDto) {
    return this.signing.completeHash(actor, id, Buffer.from(dto.cms, 'base64'));
  }

  @Post('decisions/:id/signing/organisation')
  @Roles(...SEALERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ký số bằng khóa của cơ quan trên máy chủ (chữ ký thứ hai: văn thư đóng dấu)',
  })
  signWithOrganisation(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.signing.signWithOrganisation(actor, id);
  }

  @Get('signing/trusted-cas')
  @Roles(Role.Admin, Role.HomeAffairs)
  @ApiOperation({
    summary: 'Các tổ chức chứng thực (CA) mà cơ quan tin cậy khi kiểm tra chữ ký số',
  })
  listCas(@CurrentActor() actor: Actor) {
    return this.signing.listCas(actor);
  }

  @Post('signing/trusted-cas')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Thêm một CA gốc tin cậy (dạng PEM)' })
  addCa(@CurrentActor() actor: Actor, @Body() dto: AddTrustedCaDto) {
    return this.signing.addCa(actor, dto.pem);
  }

  @Delete('signing/trusted-cas/:id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Bỏ một CA khỏi danh sách tin cậy' })
  async removeCa(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.signing.removeCa(actor, id);
  }
}
