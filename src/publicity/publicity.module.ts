import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { Publication, PublicOpinion } from './publication.entity';
import { PublicationsController, PublicController } from './publicity.controller';
import { PublicityService } from './publicity.service';

/** Publicity (công khai): published lists of nominees, the public's opinions, the public list of decisions. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Publication, PublicOpinion]),
    AuthoritiesModule,
    DecisionsModule,
    NotificationsModule,
  ],
  controllers: [PublicationsController, PublicController],
  providers: [PublicityService],
  exports: [PublicityService],
})
export class PublicityModule {}
