import { MigrationInterface, QueryRunner } from 'typeorm';

/** A signature prepared for a plugin that signs a digest (hash signing). */
export class HashSigning1796472539820 implements MigrationInterface {
  name = 'HashSigning1796472539820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signed_documents" ADD "pending_pdf" bytea`);
    await queryRunner.query(
      `ALTER TABLE "signed_documents" ADD "pending_byte_range" integer array`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signed_documents" DROP COLUMN "pending_byte_range"`);
    await queryRunner.query(`ALTER TABLE "signed_documents" DROP COLUMN "pending_pdf"`);
  }
}
