import { MigrationInterface, QueryRunner } from 'typeorm';

/** An authority's life: it issues no decision dated outside valid_from..valid_to. */

export class AuthorityLife1795450155044 implements MigrationInterface {
  name = 'AuthorityLife1795450155044';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" ADD "valid_from" date`);
    await queryRunner.query(`ALTER TABLE "authorities" ADD "valid_to" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "valid_to"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "valid_from"`);
  }
}
