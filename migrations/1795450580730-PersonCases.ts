import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases about a person that refuse or hold an award (NĐ 152/2025, Điều 4). */

export class PersonCases1795450580730 implements MigrationInterface {
  name = 'PersonCases1795450580730';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."person_case_kind" AS ENUM('discipline_review', 'discipline', 'investigation', 'inspection', 'complaint')`,
    );
    await queryRunner.query(
      `CREATE TABLE "person_cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" "public"."person_case_kind" NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "reference" character varying(300) NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_273a585b0a8891f1e2ffda2d5c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7d9b6bdca744e2f5cb1fc06c54" ON "person_cases"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a77966bc00abf5d325955882c4" ON "person_cases"  ("person_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "person_cases" ADD CONSTRAINT "FK_a77966bc00abf5d325955882c4c" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "person_cases" DROP CONSTRAINT "FK_a77966bc00abf5d325955882c4c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_a77966bc00abf5d325955882c4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7d9b6bdca744e2f5cb1fc06c54"`);
    await queryRunner.query(`DROP TABLE "person_cases"`);
    await queryRunner.query(`DROP TYPE "public"."person_case_kind"`);
  }
}
