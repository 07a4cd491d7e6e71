import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesController } from './authorities.controller';
import { AuthoritiesService } from './authorities.service';
import { Authority } from './authority.entity';
import { QrKey } from './qr-key.entity';
import { QrKeysService } from './qr-keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([Authority, QrKey])],
  controllers: [AuthoritiesController],
  providers: [AuthoritiesService, QrKeysService],
  exports: [AuthoritiesService, QrKeysService],
})
export class AuthoritiesModule {}
