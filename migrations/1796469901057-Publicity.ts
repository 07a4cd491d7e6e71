import { MigrationInterface, QueryRunner } from 'typeorm';

/** Publicity: lists of nominees published for opinion, the opinions, and the per-authority switches. */
export class Publicity1796469901057 implements MigrationInterface {
  name = 'Publicity1796469901057';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "publications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "entries" jsonb NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c4e732b044e09139d2f1065fae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fba4884eaec8306012550d748a" ON "publications"  ("authority_id", "ends_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "public_opinions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "publication_id" uuid NOT NULL, "authority_id" uuid NOT NULL, "entry_index" smallint, "sender_name" character varying(120) NOT NULL DEFAULT '', "contact" character varying(120) NOT NULL DEFAULT '', "content" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_959a69d05fe1eced8a1be065ea6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0bbd7057ea3b04d49b768815b9" ON "public_opinions"  ("publication_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "publish_nominees" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "publish_decisions" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "public_opinions" ADD CONSTRAINT "FK_bef070ba97fd435933a901990b2" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "public_opinions" DROP CONSTRAINT "FK_bef070ba97fd435933a901990b2"`,
    );
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "publish_decisions"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "publish_nominees"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0bbd7057ea3b04d49b768815b9"`);
    await queryRunner.query(`DROP TABLE "public_opinions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fba4884eaec8306012550d748a"`);
    await queryRunner.query(`DROP TABLE "publications"`);
  }
}
