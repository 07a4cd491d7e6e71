import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CalendarModule } from '../calendar/calendar.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';
import { MovementReportService } from './movement-report.service';
import { DocumentsModule } from '../documents/documents.module';

/** The authority's figures: read-only, over the tables of the modules that own them. */
@Module({
  imports: [CalendarModule, AuditModule, DocumentsModule, AuthoritiesModule],
  controllers: [StatisticsController],
  providers: [StatisticsService, MovementReportService],
  exports: [StatisticsService, MovementReportService],
})
export class StatisticsModule {}
