import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitsModule } from '../units/units.module';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { PersonCase } from './person-case.entity';
import { PersonInitiative } from './person-initiative.entity';
import { PersonRating } from './person-rating.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Person, PersonCase, PersonRating, PersonInitiative]),
    UnitsModule,
  ],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
