import { MigrationInterface, QueryRunner } from 'typeorm';

/** The province's texts on emulation and commendation kept by an authority (the provincial pack). */
export class ProvincialTexts1796448801667 implements MigrationInterface {
  name = 'ProvincialTexts1796448801667';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "provincial_texts" jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "provincial_texts"`);
  }
}
