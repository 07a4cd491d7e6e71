import { Module } from '@nestjs/common';
import { AwardRecordService } from './award-record.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AwardsModule } from '../awards/awards.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { PeopleModule } from '../people/people.module';
import { UnitsModule } from '../units/units.module';
import { CertificatesService } from './certificates.service';
import { AwardDecision, DecisionItem, NumberCounter, RegisterEntry } from './decision.entity';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { VerificationController } from './verification.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([AwardDecision, DecisionItem, NumberCounter, RegisterEntry]),
    AwardsModule,
    DossiersModule,
    PeopleModule,
    UnitsModule,
  ],
  controllers: [DecisionsController, VerificationController],
  providers: [DecisionsService, CertificatesService, AwardRecordService],
  exports: [DecisionsService, CertificatesService, AwardRecordService],
})
export class DecisionsModule {}
