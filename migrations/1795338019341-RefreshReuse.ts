import { MigrationInterface, QueryRunner } from 'typeorm';

export class RefreshReuse1795338019341 implements MigrationInterface {
  name = 'RefreshReuse1795338019341';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD "previous_refresh_token_hash" character varying(64)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_460b7371c298ec10ba293422c2" ON "sessions"  ("previous_refresh_token_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_460b7371c298ec10ba293422c2"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "previous_refresh_token_hash"`);
  }
}
