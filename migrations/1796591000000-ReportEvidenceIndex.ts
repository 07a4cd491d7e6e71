import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff read a unit's file once a sent report holds it as evidence: the
 * reports' values are searched by a file id (`evidence_file_ids @> '["…"]'`),
 * which a GIN index answers without reading every value.
 */
export class ReportEvidenceIndex1796591000000 implements MigrationInterface {
  name = 'ReportEvidenceIndex1796591000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_report_values_evidence" ON "report_values" USING gin ("evidence_file_ids")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_report_values_evidence"`);
  }
}
