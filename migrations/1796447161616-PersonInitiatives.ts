import { MigrationInterface, QueryRunner } from 'typeorm';

/** A person's recognised initiatives and research, what "Chiến sĩ thi đua cơ sở" may rest on (Luật Thi đua, khen thưởng 2022, Điều 23). */
export class PersonInitiatives1796447161616 implements MigrationInterface {
  name = 'PersonInitiatives1796447161616';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."initiative_kind" AS ENUM('initiative', 'research')`,
    );
    await queryRunner.query(
      `CREATE TABLE "person_initiatives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" "public"."initiative_kind" NOT NULL, "title" character varying(300) NOT NULL, "level" character varying(20) NOT NULL, "recognised_on" date NOT NULL, "reference" character varying(300) NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4ef3d215a44bc2e78ee312144b5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_712cb0192941904a47dbf04ff3" ON "person_initiatives"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8241fb67292fa43fe351cba650" ON "person_initiatives"  ("person_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8241fb67292fa43fe351cba650"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_712cb0192941904a47dbf04ff3"`);
    await queryRunner.query(`DROP TABLE "person_initiatives"`);
    await queryRunner.query(`DROP TYPE "public"."initiative_kind"`);
  }
}
