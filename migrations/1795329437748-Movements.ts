import { MigrationInterface, QueryRunner } from 'typeorm';

export class Movements1795329437748 implements MigrationInterface {
  name = 'Movements1795329437748';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "unit_id" uuid, "original_name" character varying(255) NOT NULL, "content_type" character varying(120) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8d1a9a8e0430b749e2f4694460" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c63f626a67ff6e916b62238458" ON "evidence_files"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d351725b5d7f18b3ceda4e0ef3" ON "evidence_files"  ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."movement_status" AS ENUM('draft', 'launched', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "movements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "authority_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "legal_bases" jsonb NOT NULL DEFAULT '[]', "content_areas" jsonb NOT NULL DEFAULT '[]', "phases" jsonb NOT NULL DEFAULT '[]', "launch_date" date, "registration_deadline" date NOT NULL, "status" "public"."movement_status" NOT NULL DEFAULT 'draft', CONSTRAINT "PK_5a8e3da15ab8f2ce353e7f58f67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4a08e106086f04fa795c2a878d" ON "movements"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."round_kind" AS ENUM('annual', 'preliminary', 'final')`,
    );
    await queryRunner.query(
      `CREATE TABLE "review_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "movement_id" uuid NOT NULL, "kind" "public"."round_kind" NOT NULL, "name" character varying(200) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "report_deadline" date NOT NULL, "nomination_deadline" date NOT NULL, "closed" boolean NOT NULL DEFAULT false, CONSTRAINT "CHK_dc3926e68eeb69904f1ec10824" CHECK ("period_start" <= "period_end"), CONSTRAINT "PK_af804477416b76c82c10774be17" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f57222314e682e5f690ae3280a" ON "review_rounds"  ("movement_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."subject_kind" AS ENUM('district', 'commune', 'enterprise', 'individual')`,
    );
    await queryRunner.query(
      `CREATE TABLE "criteria_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "movement_id" uuid NOT NULL, "subject_kind" "public"."subject_kind" NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f12d9238e494e11c16fbc7ae13" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_27d4c7037cdd27eeb3ae75a401" ON "criteria_sets"  ("movement_id", "subject_kind", "version") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."criterion_type" AS ENUM('percentage', 'boolean', 'count', 'qualitative')`,
    );
    await queryRunner.query(
      `CREATE TABLE "criteria" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "criteria_set_id" uuid NOT NULL, "code" character varying(20) NOT NULL, "text" text NOT NULL, "weight" numeric(6,2) NOT NULL DEFAULT '1', "mandatory" boolean NOT NULL DEFAULT true, "type" "public"."criterion_type" NOT NULL, "threshold" numeric(12,2), "position" smallint NOT NULL, CONSTRAINT "PK_91cd5f7ff7be5ade9bca5b98cfb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_17f2a0c2b3976342aeacfe5a81" ON "criteria"  ("criteria_set_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_cbe742e5d0521bd9c8a08d1d61" ON "criteria"  ("criteria_set_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."registration_status" AS ENUM('registered', 'withdrawn')`,
    );
    await queryRunner.query(
      `CREATE TABLE "registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "movement_id" uuid NOT NULL, "authority_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "status" "public"."registration_status" NOT NULL, "commitments" text NOT NULL, "targets" jsonb NOT NULL DEFAULT '[]', "person_ids" jsonb NOT NULL DEFAULT '[]', "pilot" boolean NOT NULL DEFAULT false, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_de421996656e970871669ebe9d" ON "registrations"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_617ac128913873528fedd2c784" ON "registrations"  ("movement_id", "unit_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."evaluation_result" AS ENUM('met', 'not_met', 'pending')`,
    );
    await queryRunner.query(
      `CREATE TABLE "indicator_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "movement_id" uuid NOT NULL, "round_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "criteria_set_id" uuid NOT NULL, "revision" integer NOT NULL, "superseded_at" TIMESTAMP WITH TIME ZONE, "note" text NOT NULL DEFAULT '', "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "overall" "public"."evaluation_result" NOT NULL, "score" numeric(5,2) NOT NULL, CONSTRAINT "PK_bc6d2a33f57f2e9c8a655733b09" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e2eddf4e710743183e268475e5" ON "indicator_reports"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_57940941bb87b4b6143d3e31aa" ON "indicator_reports"  ("movement_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a720ecd2aca08d3ad4b6a727f2" ON "indicator_reports"  ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_indicator_reports_current" ON "indicator_reports"  ("round_id", "unit_id") WHERE "superseded_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a38f91387fdc059304283a7919" ON "indicator_reports"  ("round_id", "unit_id", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_values" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "criterion_id" uuid NOT NULL, "number" numeric(12,2), "achieved" boolean, "statement" text NOT NULL DEFAULT '', "evidence_file_ids" jsonb NOT NULL DEFAULT '[]', "auto_result" "public"."evaluation_result" NOT NULL, "review_result" "public"."evaluation_result", "review_reason" text, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_efff9655dbced6b7769db15459a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b45007d082321ad8c038044ea6" ON "report_values"  ("report_id", "criterion_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "review_rounds" ADD CONSTRAINT "FK_f57222314e682e5f690ae3280a6" FOREIGN KEY ("movement_id") REFERENCES "movements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "criteria_sets" ADD CONSTRAINT "FK_c66933ed8daf290e95a63f2b01f" FOREIGN KEY ("movement_id") REFERENCES "movements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "criteria" ADD CONSTRAINT "FK_17f2a0c2b3976342aeacfe5a81e" FOREIGN KEY ("criteria_set_id") REFERENCES "criteria_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_a4ff53782ef162e533ede7469da" FOREIGN KEY ("movement_id") REFERENCES "movements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" ADD CONSTRAINT "FK_cec8f33eec2de363e016d527703" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_reports" ADD CONSTRAINT "FK_5b44f867eaed13c169fc5fd60be" FOREIGN KEY ("round_id") REFERENCES "review_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_reports" ADD CONSTRAINT "FK_d80369658ba4ccf54a27d704a48" FOREIGN KEY ("criteria_set_id") REFERENCES "criteria_sets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_values" ADD CONSTRAINT "FK_26e9022f9883c8b2ea05b6c22b2" FOREIGN KEY ("report_id") REFERENCES "indicator_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_values" ADD CONSTRAINT "FK_60a2e2535f04a746f58b188cbba" FOREIGN KEY ("criterion_id") REFERENCES "criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report_values" DROP CONSTRAINT "FK_60a2e2535f04a746f58b188cbba"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_values" DROP CONSTRAINT "FK_26e9022f9883c8b2ea05b6c22b2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_reports" DROP CONSTRAINT "FK_d80369658ba4ccf54a27d704a48"`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_reports" DROP CONSTRAINT "FK_5b44f867eaed13c169fc5fd60be"`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" DROP CONSTRAINT "FK_cec8f33eec2de363e016d527703"`,
    );
    await queryRunner.query(
      `ALTER TABLE "registrations" DROP CONSTRAINT "FK_a4ff53782ef162e533ede7469da"`,
    );
    await queryRunner.query(
      `ALTER TABLE "criteria" DROP CONSTRAINT "FK_17f2a0c2b3976342aeacfe5a81e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "criteria_sets" DROP CONSTRAINT "FK_c66933ed8daf290e95a63f2b01f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_rounds" DROP CONSTRAINT "FK_f57222314e682e5f690ae3280a6"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_b45007d082321ad8c038044ea6"`);
    await queryRunner.query(`DROP TABLE "report_values"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a38f91387fdc059304283a7919"`);
    await queryRunner.query(`DROP INDEX "public"."idx_indicator_reports_current"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a720ecd2aca08d3ad4b6a727f2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_57940941bb87b4b6143d3e31aa"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e2eddf4e710743183e268475e5"`);
    await queryRunner.query(`DROP TABLE "indicator_reports"`);
    await queryRunner.query(`DROP TYPE "public"."evaluation_result"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_617ac128913873528fedd2c784"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_de421996656e970871669ebe9d"`);
    await queryRunner.query(`DROP TABLE "registrations"`);
    await queryRunner.query(`DROP TYPE "public"."registration_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cbe742e5d0521bd9c8a08d1d61"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_17f2a0c2b3976342aeacfe5a81"`);
    await queryRunner.query(`DROP TABLE "criteria"`);
    await queryRunner.query(`DROP TYPE "public"."criterion_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_27d4c7037cdd27eeb3ae75a401"`);
    await queryRunner.query(`DROP TABLE "criteria_sets"`);
    await queryRunner.query(`DROP TYPE "public"."subject_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f57222314e682e5f690ae3280a"`);
    await queryRunner.query(`DROP TABLE "review_rounds"`);
    await queryRunner.query(`DROP TYPE "public"."round_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a08e106086f04fa795c2a878d"`);
    await queryRunner.query(`DROP TABLE "movements"`);
    await queryRunner.query(`DROP TYPE "public"."movement_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d351725b5d7f18b3ceda4e0ef3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c63f626a67ff6e916b62238458"`);
    await queryRunner.query(`DROP TABLE "evidence_files"`);
  }
}
