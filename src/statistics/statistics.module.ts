import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** The authority's figures: read-only, over the tables of the modules that own them. */
@Module({
  imports: [CalendarModule, AuditModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
