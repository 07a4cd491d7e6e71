import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AwardForm, BaseSalary } from './award-form.entity';
import { AwardsController } from './awards.controller';
import { RecordedAward } from './recorded-award.entity';
import { AwardsService } from './awards.service';

@Module({
  imports: [TypeOrmModule.forFeature([AwardForm, BaseSalary, RecordedAward])],
  controllers: [AwardsController],
  providers: [AwardsService],
  exports: [AwardsService],
})
export class AwardsModule {}
