import { MigrationInterface, QueryRunner } from 'typeorm';

export class Decisions1795331462561 implements MigrationInterface {
  name = 'Decisions1795331462561';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."decision_kind" AS ENUM('award', 'revocation')`);
    await queryRunner.query(`CREATE TYPE "public"."decision_status" AS ENUM('draft', 'issued')`);
    await queryRunner.query(
      `CREATE TYPE "public"."signer_form" AS ENUM('chairman', 'vice_chairman')`,
    );
    await queryRunner.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "authority_id" uuid NOT NULL, "kind" "public"."decision_kind" NOT NULL DEFAULT 'award', "status" "public"."decision_status" NOT NULL DEFAULT 'draft', "title" character varying(500) NOT NULL, "legal_bases" jsonb NOT NULL, "funding" text NOT NULL, "execution" text NOT NULL, "recipients" jsonb NOT NULL, "signer_form" "public"."signer_form", "signer_name" character varying(120), "number" integer, "year" smallint, "issued_on" date, "references_id" uuid, "reason" text NOT NULL DEFAULT '', CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_18226a6c90b0093bcf42ea849f" ON "decisions"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_decisions_number" ON "decisions"  ("authority_id", "year", "number") WHERE "number" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "decision_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "nominee_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "recipient_kind" "public"."recipient_kind" NOT NULL, "display_name" character varying(300) NOT NULL, "unit_name" character varying(300), "award_form_name" character varying(200) NOT NULL, "money_multiplier" numeric(5,2) NOT NULL, "amount" integer, "position" smallint NOT NULL, CONSTRAINT "PK_c6a6c92b898b721168f8d687188" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0b17e8544b8b198c8d4417d6e3" ON "decision_items"  ("decision_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_23fd9bfb2bfb7346aec18b6e46" ON "decision_items"  ("nominee_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "number_counters" ("authority_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "year" smallint NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_cc4287581d878a89ad89e87ad79" PRIMARY KEY ("authority_id", "kind", "year"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."certificate_status" AS ENUM('valid', 'revoked')`,
    );
    await queryRunner.query(
      `CREATE TABLE "award_register" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "year" smallint NOT NULL, "register_number" integer NOT NULL, "decision_id" uuid NOT NULL, "item_id" uuid NOT NULL, "verify_token" character varying(64) NOT NULL, "status" "public"."certificate_status" NOT NULL DEFAULT 'valid', "revoked_by_decision_id" uuid, "snapshot" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5b4031cb4b8fb13c3dbdbef7045" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bb17da6cbece0d170dbae85065" ON "award_register"  ("decision_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4b6b7301305f6cf48dafae6f00" ON "award_register"  ("item_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_33b44aa85e6a82c7b92eb62684" ON "award_register"  ("verify_token") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_award_register_number" ON "award_register"  ("authority_id", "year", "register_number") `,
    );
    await queryRunner.query(`ALTER TABLE "authorities" ADD "certificate_layout" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "decision_items" ADD CONSTRAINT "FK_0b17e8544b8b198c8d4417d6e3c" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "decision_items" DROP CONSTRAINT "FK_0b17e8544b8b198c8d4417d6e3c"`,
    );
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "certificate_layout"`);
    await queryRunner.query(`DROP INDEX "public"."idx_award_register_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33b44aa85e6a82c7b92eb62684"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4b6b7301305f6cf48dafae6f00"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb17da6cbece0d170dbae85065"`);
    await queryRunner.query(`DROP TABLE "award_register"`);
    await queryRunner.query(`DROP TYPE "public"."certificate_status"`);
    await queryRunner.query(`DROP TABLE "number_counters"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_23fd9bfb2bfb7346aec18b6e46"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b17e8544b8b198c8d4417d6e3"`);
    await queryRunner.query(`DROP TABLE "decision_items"`);
    await queryRunner.query(`DROP INDEX "public"."idx_decisions_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_18226a6c90b0093bcf42ea849f"`);
    await queryRunner.query(`DROP TABLE "decisions"`);
    await queryRunner.query(`DROP TYPE "public"."signer_form"`);
    await queryRunner.query(`DROP TYPE "public"."decision_status"`);
    await queryRunner.query(`DROP TYPE "public"."decision_kind"`);
  }
}
