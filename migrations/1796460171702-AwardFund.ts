import { MigrationInterface, QueryRunner } from 'typeorm';

/** The award fund's allocation per authority and year. */
export class AwardFund1796460171702 implements MigrationInterface {
  name = 'AwardFund1796460171702';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fund_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "authority_id" uuid NOT NULL, "year" smallint NOT NULL, "amount" bigint NOT NULL, "reference" character varying(300) NOT NULL, CONSTRAINT "PK_669573d06023ccec7fb2876f271" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5ecd5bb8017f00dab085f99c2d" ON "fund_allocations"  ("authority_id", "year") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_5ecd5bb8017f00dab085f99c2d"`);
    await queryRunner.query(`DROP TABLE "fund_allocations"`);
  }
}
