import { MigrationInterface, QueryRunner } from 'typeorm';

/** The document that sets an award form's quota per unit, cited when the quota refuses. */
export class QuotaCitation1796448629858 implements MigrationInterface {
  name = 'QuotaCitation1796448629858';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "award_forms" ADD "quota_citation" character varying(300)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award_forms" DROP COLUMN "quota_citation"`);
  }
}
