import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { SigningController } from './signing.controller';
import { SignedDocument, SigningCallback, TrustedCa } from './signing.entity';
import { SigningService } from './signing.service';

/** Digitally signed decisions (PAdES): kept revisions, uploads checked, the organisation's key, trusted CAs. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SignedDocument, TrustedCa, SigningCallback]),
    AuthoritiesModule,
    DecisionsModule,
  ],
  controllers: [SigningController],
  providers: [SigningService],
  exports: [SigningService],
})
export class SigningModule {}
