import { PeopleModule } from '../people/people.module';
import { UsersModule } from '../users/users.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { CouncilController } from './council.controller';
import { CouncilSession, CouncilVote } from './council.entity';
import { CouncilService } from './council.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([CouncilSession, CouncilVote]),
    AuthoritiesModule,
    DossiersModule,
    PeopleModule,
    UsersModule,
    DocumentsModule,
  ],
  controllers: [CouncilController],
  providers: [CouncilService],
  exports: [CouncilService],
})
export class CouncilModule {}
