import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthoritiesModule } from './authorities/authorities.module';
import { PeopleModule } from './people/people.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';
import { CommonModule } from './common/common.module';
import { Clock, ClockModule } from './common/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AwardsModule } from './awards/awards.module';
import { CalendarModule } from './calendar/calendar.module';
import { CouncilModule } from './council/council.module';
import { DecisionsModule } from './decisions/decisions.module';
import { StatisticsModule } from './statistics/statistics.module';
import { ImportsModule } from './imports/imports.module';
import { DocumentsModule } from './documents/documents.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { DraftsModule } from './drafts/drafts.module';
import { PublicityModule } from './publicity/publicity.module';
import { SigningModule } from './signing/signing.module';
import { FilesModule } from './files/files.module';
import { NotificationsModule } from './notifications/notifications.module';
import { JobsModule } from './jobs/jobs.module';
import { HealthModule } from './health/health.module';
import { MovementsModule } from './movements/movements.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { ReportsModule } from './reports/reports.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** `extra`: modules only some entry points add (the demo command adds the demo seeder). */
  static forRoot(
    config: AppConfig,
    clock?: Clock,
    extra: ModuleMetadata['imports'] = [],
    worker = false,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        CommonModule,
        DatabaseModule,
        JobsModule.forRoot(config, worker),
        HealthModule,
        AuditModule,
        AuthModule,
        AuthoritiesModule,
        UnitsModule,
        PeopleModule,
        UsersModule,
        FilesModule,
        MovementsModule,
        RegistrationsModule,
        ReportsModule,
        NotificationsModule,
        AwardsModule,
        CalendarModule,
        CouncilModule,
        DossiersModule,
        DocumentsModule,
        DecisionsModule,
        DraftsModule,
        PublicityModule,
        SigningModule,
        StatisticsModule,
        ImportsModule,
        WebModule,
        ...extra,
      ],
    };
  }
}
