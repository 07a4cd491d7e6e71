import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { FilesModule } from '../files/files.module';
import { UsersModule } from '../users/users.module';
import { DemoWorkflow } from './demo-workflow';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [UsersModule, DossiersModule, DecisionsModule, FilesModule],
  providers: [DemoSeeder, DemoWorkflow],
  exports: [DemoSeeder],
})
export class DemoModule {}
