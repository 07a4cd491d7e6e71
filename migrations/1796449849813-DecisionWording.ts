import { MigrationInterface, QueryRunner } from 'typeorm';

/** What an authority's decisions say of who proposes and who executes, and how amounts are rounded. */
export class DecisionWording1796449849813 implements MigrationInterface {
  name = 'DecisionWording1796449849813';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "proposer_title" character varying(200) NOT NULL DEFAULT 'Trưởng phòng Nội vụ'`,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "executors" character varying(500) NOT NULL DEFAULT 'Chánh Văn phòng, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch'`,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD "money_round_to" integer NOT NULL DEFAULT '1000'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "money_round_to"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "executors"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "proposer_title"`);
  }
}
