import { MigrationInterface, QueryRunner } from 'typeorm';

/** The base salary an issued decision's amounts were computed from, stored with it. */

export class DecisionBaseSalary1795450983853 implements MigrationInterface {
  name = 'DecisionBaseSalary1795450983853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decisions" ADD "base_salary" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decisions" DROP COLUMN "base_salary"`);
  }
}
