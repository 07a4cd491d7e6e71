import { MigrationInterface, QueryRunner } from 'typeorm';

/** A person's yearly task rating, what the annual titles rest on (Luật Thi đua, khen thưởng 2022, Điều 23-24). */

export class PersonRatings1795453299636 implements MigrationInterface {
  name = 'PersonRatings1795453299636';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."task_rating" AS ENUM('htxsnv', 'httnv', 'htnv', 'khtnv')`,
    );
    await queryRunner.query(
      `CREATE TABLE "person_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "person_id" uuid NOT NULL, "year" smallint NOT NULL, "rating" "public"."task_rating" NOT NULL, "reference" character varying(300) NOT NULL, "recorded_by" uuid, CONSTRAINT "PK_b7041486ee76bc5a6978c6cd8c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b7da8013e30e3aa9e30749bdfc" ON "person_ratings"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_925c97031ec90f443032fcd8a6" ON "person_ratings"  ("person_id", "year") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_925c97031ec90f443032fcd8a6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b7da8013e30e3aa9e30749bdfc"`);
    await queryRunner.query(`DROP TABLE "person_ratings"`);
    await queryRunner.query(`DROP TYPE "public"."task_rating"`);
  }
}
