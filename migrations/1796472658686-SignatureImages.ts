import { MigrationInterface, QueryRunner } from 'typeorm';

/** The signature and seal images of what the server signs with the organisation's key. */
export class SignatureImages1796472658686 implements MigrationInterface {
  name = 'SignatureImages1796472658686';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" ADD "signature_image" text`);
    await queryRunner.query(`ALTER TABLE "authorities" ADD "seal_image" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "seal_image"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "signature_image"`);
  }
}
