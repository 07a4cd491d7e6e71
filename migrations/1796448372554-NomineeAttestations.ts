import { MigrationInterface, QueryRunner } from 'typeorm';

/** The conditions the appraiser confirmed for a nominee (ATTEST rules), with why, who and when. */
export class NomineeAttestations1796448372554 implements MigrationInterface {
  name = 'NomineeAttestations1796448372554';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "nominees" ADD "attestations" jsonb NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "nominees" DROP COLUMN "attestations"`);
  }
}
