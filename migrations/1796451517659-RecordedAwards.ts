import { MigrationInterface, QueryRunner } from 'typeorm';

/** Awards not issued through the system (earlier years, other levels), in the award history. */
export class RecordedAwards1796451517659 implements MigrationInterface {
  name = 'RecordedAwards1796451517659';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recorded_awards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "recipient_kind" "public"."recipient_kind" NOT NULL, "person_id" uuid, "unit_id" uuid, "awardee_name" character varying(300) NOT NULL, "search_name" character varying(300) NOT NULL, "form_name" character varying(200) NOT NULL, "law_title" character varying(40), "decision_number" character varying(60) NOT NULL, "decision_date" date NOT NULL, "decided_by" character varying(200) NOT NULL, "year" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f2a4ec1db32aa8f10e0a8015f43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_180f55325aa15291644838911e" ON "recorded_awards"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_af56e317f27f6893e92f022ab0" ON "recorded_awards"  ("authority_id", "search_name", "form_name", "decision_number", "decision_date") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_af56e317f27f6893e92f022ab0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_180f55325aa15291644838911e"`);
    await queryRunner.query(`DROP TABLE "recorded_awards"`);
  }
}
