import { MigrationInterface, QueryRunner } from 'typeorm';

/** The authorities' Ed25519 keys of the offline QR code (private keys encrypted at rest). */
export class QrKeys1796472063732 implements MigrationInterface {
  name = 'QrKeys1796472063732';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "qr_keys" ("kid" character varying(8) NOT NULL, "authority_id" uuid NOT NULL, "public_key" bytea NOT NULL, "private_key_encrypted" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2b9c3b600b47d86d1f22d56aec7" PRIMARY KEY ("kid"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c906a9e5b5df7e29b365648bd1" ON "qr_keys"  ("authority_id") WHERE "retired_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_c906a9e5b5df7e29b365648bd1"`);
    await queryRunner.query(`DROP TABLE "qr_keys"`);
  }
}
