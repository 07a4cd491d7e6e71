import { MigrationInterface, QueryRunner } from 'typeorm';

/** The level above's decision on a forwarded nominee: two outcomes and the decision recorded. */
export class HigherDecisions1796459247940 implements MigrationInterface {
  name = 'HigherDecisions1796459247940';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "nominees" ADD "higher_decision" jsonb`);
    await queryRunner.query(`ALTER TYPE "public"."nominee_outcome" ADD VALUE 'higher_awarded'`);
    await queryRunner.query(`ALTER TYPE "public"."nominee_outcome" ADD VALUE 'higher_refused'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to forwarded: the level above's decisions are forgotten with their column.
    await queryRunner.query(
      `UPDATE "nominees" SET "outcome" = 'forwarded' WHERE "outcome"::text IN ('higher_awarded', 'higher_refused')`,
    );
    await queryRunner.query(`ALTER TABLE "nominees" ALTER COLUMN "outcome" DROP DEFAULT`);
    await queryRunner.query(
      `CREATE TYPE "public"."nominee_outcome_old" AS ENUM('pending', 'awaiting_decision', 'refused', 'forwarded', 'decided')`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominees" ALTER COLUMN "outcome" TYPE "public"."nominee_outcome_old" USING "outcome"::"text"::"public"."nominee_outcome_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."nominee_outcome"`);
    await queryRunner.query(
      `ALTER TYPE "public"."nominee_outcome_old" RENAME TO "nominee_outcome"`,
    );
    await queryRunner.query(`ALTER TABLE "nominees" ALTER COLUMN "outcome" SET DEFAULT 'pending'`);
    await queryRunner.query(`ALTER TABLE "nominees" DROP COLUMN "higher_decision"`);
  }
}
