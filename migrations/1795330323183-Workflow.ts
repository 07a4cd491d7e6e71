import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflow1795330323183 implements MigrationInterface {
  name = 'Workflow1795330323183';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."decided_by" AS ENUM('this_authority', 'higher_level')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."award_procedure" AS ENUM('full', 'simplified')`);
    await queryRunner.query(
      `CREATE TABLE "award_forms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "authority_id" uuid NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "recipient_kinds" jsonb NOT NULL, "commendation_kinds" jsonb NOT NULL, "decided_by" "public"."decided_by" NOT NULL, "vote_required" boolean NOT NULL DEFAULT false, "vote_quorum" numeric(4,3), "vote_approval" numeric(4,3), "procedure" "public"."award_procedure" NOT NULL, "money_multiplier" numeric(5,2) NOT NULL DEFAULT '0', "quota_per_unit" integer, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_f3f1a07cdff7688d563bcad2cd3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_471e5f58516a140f6314ae538a" ON "award_forms"  ("authority_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "base_salaries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "authority_id" uuid NOT NULL, "amount" integer NOT NULL, "effective_from" date NOT NULL, CONSTRAINT "PK_e87c0e8788a48ce98725a541f8b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5d4896dc4008bb924677f63dd2" ON "base_salaries"  ("authority_id", "effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "holidays" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "date" date NOT NULL, "name" character varying(200) NOT NULL, CONSTRAINT "PK_3646bdd4c3817d954d830881dfe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_dc8a1f4cfdb5b432d1a749bbd1" ON "holidays"  ("authority_id", "date") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."commendation_kind" AS ENUM('annual', 'thematic', 'ad_hoc', 'dedication', 'seniority', 'foreign')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."dossier_status" AS ENUM('draft', 'submitted', 'under_appraisal', 'supplement_requested', 'appraised', 'council_voting', 'awaiting_decision', 'decided', 'refused', 'forwarded', 'withdrawn')`,
    );
    await queryRunner.query(
      `CREATE TABLE "dossiers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "authority_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "movement_id" uuid, "round_id" uuid, "commendation_kind" "public"."commendation_kind" NOT NULL, "title" character varying(300) NOT NULL, "status" "public"."dossier_status" NOT NULL DEFAULT 'draft', "assigned_to" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "clock_started_on" date, "working_days_used" integer NOT NULL DEFAULT '0', "appraisal_due_on" date, "supplement_items" jsonb NOT NULL DEFAULT '[]', "due_soon_notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d84a24a9d2c52ec01142de45e42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5439d918fcb1ad5291ecbd43ec" ON "dossiers"  ("authority_id", "round_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d1b22c719d51ea627e8133a08b" ON "dossiers"  ("authority_id", "unit_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b54d5ffa4977421502f7718c13" ON "dossiers"  ("authority_id", "status", "appraisal_due_on") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."recipient_kind" AS ENUM('individual', 'collective', 'household')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."appraisal_result" AS ENUM('proposed', 'not_proposed')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."vote_outcome" AS ENUM('passed', 'failed')`);
    await queryRunner.query(
      `CREATE TYPE "public"."nominee_outcome" AS ENUM('pending', 'awaiting_decision', 'refused', 'forwarded', 'decided')`,
    );
    await queryRunner.query(
      `CREATE TABLE "nominees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "round_id" uuid, "kind" "public"."recipient_kind" NOT NULL, "person_id" uuid, "collective_unit_id" uuid, "household" character varying(300), "display_name" character varying(300) NOT NULL, "award_form_id" uuid NOT NULL, "achievement_summary" text NOT NULL, "unit_evaluation" "public"."evaluation_result", "appraisal" "public"."appraisal_result", "appraisal_reason" text, "vote_outcome" "public"."vote_outcome", "outcome" "public"."nominee_outcome" NOT NULL DEFAULT 'pending', "forwarded_on" date, "forward_reference" character varying(200), CONSTRAINT "PK_95bea8d75c23afade5aef834a7b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9c111aba0b419a455facf19f2d" ON "nominees"  ("dossier_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2ca47bf12d4bc96bbd890ce751" ON "nominees"  ("person_id", "award_form_id", "round_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."document_kind" AS ENUM('proposal_letter', 'meeting_minutes', 'achievement_report', 'evidence')`,
    );
    await queryRunner.query(
      `CREATE TABLE "dossier_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "kind" "public"."document_kind" NOT NULL, "file_id" uuid NOT NULL, "nominee_id" uuid, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8d85b678c6da8fa0211bed5bbe9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5fb4f56c45a20b519553d7ecec" ON "dossier_documents"  ("dossier_id", "file_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dossier_events" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "dossier_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid NOT NULL, "actor_name" character varying(120) NOT NULL, "role" character varying(30) NOT NULL, "action" character varying(40) NOT NULL, "from_status" "public"."dossier_status", "to_status" "public"."dossier_status" NOT NULL, "comment" text NOT NULL DEFAULT '', CONSTRAINT "PK_dc472db0f082aa7b1da60ed88f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_941a9d3c5882d8f8d2a36a6fa7" ON "dossier_events"  ("dossier_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "council_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "authority_id" uuid NOT NULL, "member_ids" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "minutes" jsonb, CONSTRAINT "PK_b5e0a4b375f8df6790be056f341" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_council_sessions_open" ON "council_sessions"  ("dossier_id") WHERE "closed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."vote_choice" AS ENUM('agree', 'disagree', 'abstain', 'recused')`,
    );
    await queryRunner.query(
      `CREATE TABLE "council_votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "nominee_id" uuid NOT NULL, "member_id" uuid NOT NULL, "choice" "public"."vote_choice" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70cc860be1582885adb545f060a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c0af8d56b129b3c6949503bd41" ON "council_votes"  ("session_id", "nominee_id", "member_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "dossier_id" uuid, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5323ccd23482802bd9759e88ee" ON "notifications"  ("user_id", "read_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "appraisal_working_days" smallint NOT NULL DEFAULT '10'`,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "due_soon_working_days" smallint NOT NULL DEFAULT '2'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "person_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD CONSTRAINT "FK_89975387f8072d06d8326a91a52" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominees" ADD CONSTRAINT "FK_9c111aba0b419a455facf19f2d3" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominees" ADD CONSTRAINT "FK_4bd9a1967ac3b1e92269a6a19a4" FOREIGN KEY ("award_form_id") REFERENCES "award_forms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dossier_documents" ADD CONSTRAINT "FK_c71f09db69e209e804e4ca52f9f" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dossier_documents" DROP CONSTRAINT "FK_c71f09db69e209e804e4ca52f9f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominees" DROP CONSTRAINT "FK_4bd9a1967ac3b1e92269a6a19a4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominees" DROP CONSTRAINT "FK_9c111aba0b419a455facf19f2d3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dossiers" DROP CONSTRAINT "FK_89975387f8072d06d8326a91a52"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "person_id"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "due_soon_working_days"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "appraisal_working_days"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5323ccd23482802bd9759e88ee"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c0af8d56b129b3c6949503bd41"`);
    await queryRunner.query(`DROP TABLE "council_votes"`);
    await queryRunner.query(`DROP TYPE "public"."vote_choice"`);
    await queryRunner.query(`DROP INDEX "public"."idx_council_sessions_open"`);
    await queryRunner.query(`DROP TABLE "council_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_941a9d3c5882d8f8d2a36a6fa7"`);
    await queryRunner.query(`DROP TABLE "dossier_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5fb4f56c45a20b519553d7ecec"`);
    await queryRunner.query(`DROP TABLE "dossier_documents"`);
    await queryRunner.query(`DROP TYPE "public"."document_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2ca47bf12d4bc96bbd890ce751"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c111aba0b419a455facf19f2d"`);
    await queryRunner.query(`DROP TABLE "nominees"`);
    await queryRunner.query(`DROP TYPE "public"."nominee_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."vote_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."appraisal_result"`);
    await queryRunner.query(`DROP TYPE "public"."recipient_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b54d5ffa4977421502f7718c13"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d1b22c719d51ea627e8133a08b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5439d918fcb1ad5291ecbd43ec"`);
    await queryRunner.query(`DROP TABLE "dossiers"`);
    await queryRunner.query(`DROP TYPE "public"."dossier_status"`);
    await queryRunner.query(`DROP TYPE "public"."commendation_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dc8a1f4cfdb5b432d1a749bbd1"`);
    await queryRunner.query(`DROP TABLE "holidays"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5d4896dc4008bb924677f63dd2"`);
    await queryRunner.query(`DROP TABLE "base_salaries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_471e5f58516a140f6314ae538a"`);
    await queryRunner.query(`DROP TABLE "award_forms"`);
    await queryRunner.query(`DROP TYPE "public"."award_procedure"`);
    await queryRunner.query(`DROP TYPE "public"."decided_by"`);
  }
}
