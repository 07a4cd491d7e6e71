import { MigrationInterface, QueryRunner } from 'typeorm';

/** A correcting decision's lines: each names the line it corrects and repeats its nominee. */
export class CorrectedLines1795437571752 implements MigrationInterface {
  name = 'CorrectedLines1795437571752';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_23fd9bfb2bfb7346aec18b6e46"`);
    await queryRunner.query(`ALTER TABLE "decision_items" ADD "corrects_item_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_decision_items_nominee" ON "decision_items"  ("nominee_id") WHERE "corrects_item_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3e2bf781e19ecdf858bb5cc6fb" ON "decision_items"  ("corrects_item_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_3e2bf781e19ecdf858bb5cc6fb"`);
    await queryRunner.query(`DROP INDEX "public"."idx_decision_items_nominee"`);
    await queryRunner.query(`ALTER TABLE "decision_items" DROP COLUMN "corrects_item_id"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_23fd9bfb2bfb7346aec18b6e46" ON "decision_items" USING btree ("nominee_id") `,
    );
  }
}
