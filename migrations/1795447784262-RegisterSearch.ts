import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The award register searchable by name without diacritics: the awardee's
 * name folded (as foldForSearch does) beside each entry, with a trigram index.
 */
export class RegisterSearch1795447784262 implements MigrationInterface {
  name = 'RegisterSearch1795447784262';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "award_register" ADD "search_name" text NOT NULL DEFAULT ''`,
    );
    // Hand-written: entries already issued get their folded name (Vietnamese letters, both cases, mapped to ASCII).
    await queryRunner.query(
      `UPDATE "award_register" SET "search_name" = regexp_replace(lower(translate(snapshot->>'awardeeName',
        'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ',
        'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD')), '\\s+', ' ', 'g')`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_award_register_search_name_trgm" ON "award_register" USING gin ("search_name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_award_register_search_name_trgm"`);
    await queryRunner.query(`ALTER TABLE "award_register" DROP COLUMN "search_name"`);
  }
}
