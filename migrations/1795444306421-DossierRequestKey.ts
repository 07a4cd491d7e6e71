import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotent creation of a dossier: the client's request key, unique per unit. */

export class DossierRequestKey1795444306421 implements MigrationInterface {
  name = 'DossierRequestKey1795444306421';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "request_key" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_dossiers_request_key" ON "dossiers"  ("unit_id", "request_key") WHERE "request_key" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_dossiers_request_key"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "request_key"`);
  }
}
