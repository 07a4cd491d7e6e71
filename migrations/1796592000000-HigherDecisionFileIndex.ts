import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit reads the level above's decision file that Home Affairs recorded on
 * its nominee: nominees are searched by that file's id
 * (`higher_decision->>'fileId'`), which this partial index answers without
 * reading every nominee (only forwarded ones that the level above decided
 * carry a decision).
 */
export class HigherDecisionFileIndex1796592000000 implements MigrationInterface {
  name = 'HigherDecisionFileIndex1796592000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_nominees_higher_decision_file" ON "nominees" (("higher_decision"->>'fileId')) WHERE "higher_decision" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_nominees_higher_decision_file"`);
  }
}
