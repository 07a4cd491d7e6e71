import { MigrationInterface, QueryRunner } from 'typeorm';

/** The national emblem an authority prints on its Giấy khen (an image as a data URI). */
export class AuthorityEmblem1796449356742 implements MigrationInterface {
  name = 'AuthorityEmblem1796449356742';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" ADD "emblem" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "emblem"`);
  }
}
