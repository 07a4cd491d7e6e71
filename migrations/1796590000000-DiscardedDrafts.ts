import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit cancels a draft it never sent (discard): the dossier becomes
 * `discarded`, which staff do not see, instead of `withdrawn`, which they do.
 * Drafts withdrawn before this step existed (never submitted) become
 * discarded, their history's last step with them.
 *
 * Outside a transaction: an enum value added in a transaction cannot be used
 * before it commits. Each statement is atomic; rerunning them is harmless.
 */
export class DiscardedDrafts1796590000000 implements MigrationInterface {
  name = 'DiscardedDrafts1796590000000';
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."dossier_status" ADD VALUE IF NOT EXISTS 'discarded'`,
    );
    await queryRunner.query(
      `UPDATE "dossier_events" SET "action" = 'discard', "to_status" = 'discarded'
        WHERE "action" = 'withdraw' AND "from_status" = 'draft'`,
    );
    await queryRunner.query(
      `UPDATE "dossiers" SET "status" = 'discarded'
        WHERE "status" = 'withdrawn' AND "submitted_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value; unused, it does no harm.
    await queryRunner.query(
      `UPDATE "dossiers" SET "status" = 'withdrawn' WHERE "status" = 'discarded'`,
    );
    await queryRunner.query(
      `UPDATE "dossier_events" SET "action" = 'withdraw', "to_status" = 'withdrawn'
        WHERE "action" = 'discard'`,
    );
  }
}
