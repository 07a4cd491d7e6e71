import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { ApiExceptionFilter } from '../common/http/api-exception.filter';
import { SitePages } from '../common/http/site-pages';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { DraftsModule } from '../drafts/drafts.module';
import { PublicityModule } from '../publicity/publicity.module';
import { SigningModule } from '../signing/signing.module';
import { PublicityPagesController } from './publicity-pages.controller';
import { OfflineVerifyController } from './offline-verify.controller';
import { AssetsController } from './assets.controller';
import { WebSitePages } from './web-site-pages';
import { WebPages } from './web-pages';
import { WebController } from './web.controller';
import { DossierEditController } from './dossier-edit.controller';
import { MovementPagesController } from './movement-pages.controller';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ReportsModule } from '../reports/reports.module';
import { WebForms } from './web-forms';
import { DossierPage } from './dossier-page';
import { ReportForm } from './report-form';
import { CsrfGuard } from './web-form.decorators';
import { FilesModule } from '../files/files.module';
import { MovementsModule } from '../movements/movements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PeopleModule } from '../people/people.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { AwardsModule } from '../awards/awards.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CouncilModule } from '../council/council.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { DecisionPagesController } from './decision-pages.controller';
import { AdminPagesController } from './admin-pages.controller';
import { AuditPagesController } from './audit-pages.controller';
import { ReportPagesController } from './report-pages.controller';
import { SettingsPagesController } from './settings-pages.controller';
import { FundPagesController } from './fund-pages.controller';
import { StatisticsPagesController } from './statistics-pages.controller';
import { ImportPagesController } from './import-pages.controller';
import { ImportsModule } from '../imports/imports.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { OrganisationPagesController } from './organisation-pages.controller';
import { MovementManagementController } from './movement-management.controller';

/** The pages' controllers: their routes stay outside the API's prefix (see app.factory). */
export const WEB_CONTROLLERS = [
  WebController,
  DossierEditController,
  MovementManagementController,
  MovementPagesController,
  DecisionPagesController,
  AdminPagesController,
  AuditPagesController,
  ReportPagesController,
  SettingsPagesController,
  OrganisationPagesController,
  StatisticsPagesController,
  FundPagesController,
  PublicityPagesController,
  OfflineVerifyController,
  ImportPagesController,
  AssetsController,
];

/**
 * The web interface: server-rendered pages (templates/web) on the same
 * services as the API. Global only to give the error filter its HTML page.
 */
@Global()
@Module({
  imports: [
    AuthModule,
    AuditModule,
    AuthoritiesModule,
    AwardsModule,
    CalendarModule,
    CouncilModule,
    DecisionsModule,
    DocumentsModule,
    DossiersModule,
    DraftsModule,
    PublicityModule,
    SigningModule,
    FilesModule,
    MovementsModule,
    NotificationsModule,
    PeopleModule,
    RegistrationsModule,
    ReportsModule,
    StatisticsModule,
    ImportsModule,
    UnitsModule,
    UsersModule,
  ],
  controllers: WEB_CONTROLLERS,
  providers: [
    WebPages,
    WebForms,
    DossierPage,
    ReportForm,
    CsrfGuard,
    ApiExceptionFilter,
    { provide: SitePages, useClass: WebSitePages },
  ],
  exports: [SitePages],
})
export class WebModule {}
