import { MigrationInterface, QueryRunner } from 'typeorm';

/** The authority that took over an authority's powers after the 2025 reform (by code;
 * authorities are never deleted, so a code stays valid). */
export class AuthoritySuccessor1795460000000 implements MigrationInterface {
  name = 'AuthoritySuccessor1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" ADD "successor_code" character varying(40)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "successor_code"`);
  }
}
