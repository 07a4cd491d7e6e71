import { MovementsModule } from '../movements/movements.module';
import { UsersModule } from '../users/users.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
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
import { FundController } from './fund.controller';
import { FundAllocation } from './fund.entity';
import { FundService } from './fund.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AwardDecision,
      DecisionItem,
      NumberCounter,
      RegisterEntry,
      FundAllocation,
    ]),
    AuthoritiesModule,
    AwardsModule,
    DossiersModule,
    MovementsModule,
    PeopleModule,
    UnitsModule,
    UsersModule,
  ],
  controllers: [DecisionsController, VerificationController, FundController],
  providers: [DecisionsService, CertificatesService, AwardRecordService, FundService],
  exports: [DecisionsService, CertificatesService, AwardRecordService, FundService],
})
export class DecisionsModule {}
