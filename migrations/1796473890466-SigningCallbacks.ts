import { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time addresses for the signing plugin to post a signed PDF to. */
export class SigningCallbacks1796473890466 implements MigrationInterface {
  name = 'SigningCallbacks1796473890466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "signing_callbacks" ("token_sha256" character varying(64) NOT NULL, "decision_id" uuid NOT NULL, "authority_id" uuid NOT NULL, "user_id" uuid NOT NULL, "username" character varying(120) NOT NULL, "role" character varying(30) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0ecc98b52f1152b3c3e77bc3dc5" PRIMARY KEY ("token_sha256"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "signing_callbacks"`);
  }
}
