import { MigrationInterface, QueryRunner } from 'typeorm';

/** An award form names the law's title it is: its reward follows the law's multiple on the decision's date. */

export class AwardFormLawTitle1795451241980 implements MigrationInterface {
  name = 'AwardFormLawTitle1795451241980';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award_forms" ADD "law_title" character varying(40)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award_forms" DROP COLUMN "law_title"`);
  }
}
