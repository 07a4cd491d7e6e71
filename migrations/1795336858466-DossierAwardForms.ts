import { MigrationInterface, QueryRunner } from 'typeorm';

export class DossierAwardForms1795336858466 implements MigrationInterface {
  name = 'DossierAwardForms1795336858466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_065a1449949caf2e448cddd83f"`);
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD "award_form_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    // Hand-written from here. The queue's status lists, sorted by submission, with the
    // forms alongside so that counting a list by form and status reads only the index.
    await queryRunner.query(
      `CREATE INDEX "IDX_dossiers_queue_status" ON "dossiers" ("authority_id", "status", "submitted_at") INCLUDE ("award_form_ids")`,
    );
    // A dossier's forms follow its nominees. Statement-level, so a bulk insert updates
    // each dossier once; nominees change only while their dossier is locked for a change.
    await queryRunner.query(`
          CREATE FUNCTION dossier_award_forms_track() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            UPDATE dossiers d
               SET award_form_ids = ARRAY(SELECT DISTINCT n.award_form_id FROM nominees n
                                           WHERE n.dossier_id = d.id ORDER BY 1)
             WHERE d.id IN (SELECT dossier_id FROM changed);
            RETURN NULL;
          END $$`);
    for (const [event, table] of [
      ['INSERT', 'NEW'],
      ['DELETE', 'OLD'],
      ['UPDATE', 'NEW'],
    ]) {
      await queryRunner.query(`
            CREATE TRIGGER dossier_award_forms_${event.toLowerCase()} AFTER ${event} ON nominees
            REFERENCING ${table} TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION dossier_award_forms_track()`);
    }
    await queryRunner.query(`
          UPDATE dossiers d SET award_form_ids = ARRAY(SELECT DISTINCT n.award_form_id FROM nominees n
                                                        WHERE n.dossier_id = d.id ORDER BY 1)
           WHERE EXISTS (SELECT 1 FROM nominees n WHERE n.dossier_id = d.id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'delete', 'update'])
      await queryRunner.query(`DROP TRIGGER dossier_award_forms_${event} ON nominees`);
    await queryRunner.query(`DROP FUNCTION dossier_award_forms_track()`);
    await queryRunner.query(`DROP INDEX "IDX_dossiers_queue_status"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "award_form_ids"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_065a1449949caf2e448cddd83f" ON "dossiers" USING btree ("authority_id", "status", "submitted_at") `,
    );
  }
}
