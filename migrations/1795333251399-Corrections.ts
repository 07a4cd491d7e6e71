import { MigrationInterface, QueryRunner } from 'typeorm';

export class Corrections1795333251399 implements MigrationInterface {
  name = 'Corrections1795333251399';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."decision_kind" ADD VALUE 'correction'`);
    await queryRunner.query(`ALTER TYPE "public"."certificate_status" ADD VALUE 'corrected'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."certificate_status_old" AS ENUM('valid', 'revoked')`,
    );
    // Hand-fixed: a column's default must go before its type changes, and a
    // corrected certificate no longer verifies as issued, so it goes back as revoked.
    await queryRunner.query(`ALTER TABLE "award_register" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "award_register" ALTER COLUMN "status" TYPE "public"."certificate_status_old" USING (CASE WHEN "status" = 'corrected' THEN 'revoked' ELSE "status"::"text" END)::"public"."certificate_status_old"`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_register" ALTER COLUMN "status" SET DEFAULT 'valid'`,
    );
    await queryRunner.query(`DROP TYPE "public"."certificate_status"`);
    await queryRunner.query(
      `ALTER TYPE "public"."certificate_status_old" RENAME TO "certificate_status"`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."decision_kind_old" AS ENUM('award', 'revocation')`,
    );
    await queryRunner.query(`ALTER TABLE "decisions" ALTER COLUMN "kind" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "decisions" ALTER COLUMN "kind" TYPE "public"."decision_kind_old" USING "kind"::"text"::"public"."decision_kind_old"`,
    );
    await queryRunner.query(`ALTER TABLE "decisions" ALTER COLUMN "kind" SET DEFAULT 'award'`);
    await queryRunner.query(`DROP TYPE "public"."decision_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."decision_kind_old" RENAME TO "decision_kind"`);
  }
}
