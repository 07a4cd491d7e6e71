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
    FilesModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
