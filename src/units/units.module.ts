import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmulationCluster, Unit } from './unit.entity';
import { UnitsController } from './units.controller';
import { UnitRating } from './unit-rating.entity';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, EmulationCluster, UnitRating])],
  controllers: [UnitsController],
  providers: [UnitsService],
  exports: [UnitsService],
})
export class UnitsModule {}
