import { MigrationInterface, QueryRunner } from 'typeorm';

export class QueueIndexes1795331034222 implements MigrationInterface {
  name = 'QueueIndexes1795331034222';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d1b22c719d51ea627e8133a08b"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_deeed3a7db68ff6d1f380ce3da" ON "dossiers"  ("authority_id", "unit_id", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f62f6f4e6fcfe75215e5e36c54" ON "dossiers"  ("authority_id", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_065a1449949caf2e448cddd83f" ON "dossiers"  ("authority_id", "status", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1e2336885906dfb53f82c90e4b" ON "nominees"  ("award_form_id", "dossier_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_1e2336885906dfb53f82c90e4b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_065a1449949caf2e448cddd83f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f62f6f4e6fcfe75215e5e36c54"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_deeed3a7db68ff6d1f380ce3da"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_d1b22c719d51ea627e8133a08b" ON "dossiers" USING btree ("authority_id", "unit_id") `,
    );
  }
}
