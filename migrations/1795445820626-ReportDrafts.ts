import { MigrationInterface, QueryRunner } from 'typeorm';

/** A unit's indicator report saved without sending (lưu nháp): one per unit and round. */

export class ReportDrafts1795445820626 implements MigrationInterface {
  name = 'ReportDrafts1795445820626';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "round_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "values" jsonb NOT NULL DEFAULT '[]', "note" text NOT NULL DEFAULT '', "saved_by" uuid NOT NULL, "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2b62b57b504949ac48203d81e5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_102c5668b9c43fabb4d4185af0" ON "report_drafts"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0b3e47d34cb078badca115d0bc" ON "report_drafts"  ("round_id", "unit_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "report_drafts" ADD CONSTRAINT "FK_0ddd5b8efde17cc00dfb1c416f7" FOREIGN KEY ("round_id") REFERENCES "review_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report_drafts" DROP CONSTRAINT "FK_0ddd5b8efde17cc00dfb1c416f7"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_0b3e47d34cb078badca115d0bc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_102c5668b9c43fabb4d4185af0"`);
    await queryRunner.query(`DROP TABLE "report_drafts"`);
  }
}
