import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { MovementsModule } from '../movements/movements.module';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { DraftsController } from './drafts.controller';
import { DraftsService } from './drafts.service';

/** Drafts of a dossier's documents for the unit to finish and sign; owns no table. */
@Module({
  imports: [
    AuthoritiesModule,
    DecisionsModule,
    DossiersModule,
    MovementsModule,
    PeopleModule,
    ReportsModule,
    UnitsModule,
  ],
  controllers: [DraftsController],
  providers: [DraftsService],
  exports: [DraftsService],
})
export class DraftsModule {}
