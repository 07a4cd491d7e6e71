import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { AwardsModule } from '../awards/awards.module';
import { CalendarModule } from '../calendar/calendar.module';
import { FilesModule } from '../files/files.module';
import { MovementsModule } from '../movements/movements.module';
import { DossierWorkflowService } from './dossier-workflow.service';
import {
  Dossier,
  DossierDocument,
  DossierEvent,
  DossierStatusCount,
  Nominee,
} from './dossier.entity';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { NomineeImportService } from './nominee-import.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Dossier, Nominee, DossierDocument, DossierEvent, DossierStatusCount]),
    AuthoritiesModule,
    AwardsModule,
    CalendarModule,
    FilesModule,
    MovementsModule,
    PeopleModule,
    ReportsModule,
    UnitsModule,
    UsersModule,
  ],
  controllers: [DossiersController],
  providers: [DossiersService, DossierWorkflowService, NomineeImportService],
  exports: [DossiersService, DossierWorkflowService, NomineeImportService],
})
export class DossiersModule {}
