import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AwardsModule } from '../awards/awards.module';
import { PeopleModule } from '../people/people.module';
import { UnitsModule } from '../units/units.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Imports of an authority's records from the spreadsheets offices keep. */
@Module({
  imports: [AuditModule, UnitsModule, PeopleModule, AwardsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
