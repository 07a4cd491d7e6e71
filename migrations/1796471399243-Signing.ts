import { MigrationInterface, QueryRunner } from 'typeorm';

/** Signed decisions (the kept issued revision and its signed version) and the CA roots each authority trusts. */
export class Signing1796471399243 implements MigrationInterface {
  name = 'Signing1796471399243';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trusted_cas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "subject" character varying(300) NOT NULL, "sha256" character varying(64) NOT NULL, "pem" text NOT NULL, "valid_to" date NOT NULL, "added_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e95dc349b36124f140ce41f43de" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a7b0596063429462b843e77fc9" ON "trusted_cas"  ("authority_id", "sha256") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signed_documents" ("decision_id" uuid NOT NULL, "authority_id" uuid NOT NULL, "issued_pdf" bytea NOT NULL, "issued_sha256" character varying(64) NOT NULL, "signed_pdf" bytea, "signatures" jsonb NOT NULL DEFAULT '[]', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb707969cf1ec30964a912fd1b2" PRIMARY KEY ("decision_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "signed_documents"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a7b0596063429462b843e77fc9"`);
    await queryRunner.query(`DROP TABLE "trusted_cas"`);
  }
}
