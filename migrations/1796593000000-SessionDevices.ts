import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session keeps the User-Agent it signed in with, so that its owner can
 * tell their sessions apart ("Chrome trên Windows") and end the others.
 * Sessions opened before it show "Không rõ thiết bị".
 */
export class SessionDevices1796593000000 implements MigrationInterface {
  name = 'SessionDevices1796593000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "user_agent" character varying(300)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "user_agent"`);
  }
}
