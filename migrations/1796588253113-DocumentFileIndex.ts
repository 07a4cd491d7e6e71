import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dossier's documents are found by their file: whether staff may read a
 * file (not while its dossier is its unit's draft), and whether a file
 * already belongs to another dossier. The unique index leads with the
 * dossier, so it could not serve either.
 */
export class DocumentFileIndex1796588253113 implements MigrationInterface {
  name = 'DocumentFileIndex1796588253113';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_d48a6344bed3be04bbeb753d2d" ON "dossier_documents" ("file_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d48a6344bed3be04bbeb753d2d"`);
  }
}
