import { RegistrationsModule } from '../registrations/registrations.module';
import { UnitsModule } from '../units/units.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilesModule } from '../files/files.module';
import { MovementsModule } from '../movements/movements.module';
import { IndicatorReport, ReportValue } from './report.entity';
import { ReportDraft } from './report-draft.entity';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([IndicatorReport, ReportValue, ReportDraft]),
    MovementsModule,
    RegistrationsModule,
    UnitsModule,
    FilesModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
