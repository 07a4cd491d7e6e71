import { MigrationInterface, QueryRunner } from 'typeorm';

/** A collective's yearly task rating, what "Tập thể lao động tiên tiến" rests on. */
export class UnitRatings1796449550545 implements MigrationInterface {
  name = 'UnitRatings1796449550545';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "unit_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "year" smallint NOT NULL, "rating" "public"."task_rating" NOT NULL, "reference" character varying(300) NOT NULL, "recorded_by" uuid, "unit_id" uuid NOT NULL, CONSTRAINT "PK_327ce0a6abeccd99df6e53a1777" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_30bd988663ae3c4458fafa9667" ON "unit_ratings"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d306f2e14e826203aef9c3bb1b" ON "unit_ratings"  ("unit_id", "year") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d306f2e14e826203aef9c3bb1b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_30bd988663ae3c4458fafa9667"`);
    await queryRunner.query(`DROP TABLE "unit_ratings"`);
  }
}
