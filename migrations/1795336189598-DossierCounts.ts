import { MigrationInterface, QueryRunner } from 'typeorm';

export class DossierCounts1795336189598 implements MigrationInterface {
  name = 'DossierCounts1795336189598';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_b54d5ffa4977421502f7718c13"`);
    await queryRunner.query(
      `CREATE TABLE "dossier_status_counts" ("authority_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "status" "public"."dossier_status" NOT NULL, "shard" smallint NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_145cc0eebeb952e94fe595ad9a1" PRIMARY KEY ("authority_id", "unit_id", "status", "shard"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c7e8deee16a183a1d9d766a33a" ON "dossiers"  ("authority_id", "appraisal_due_on") WHERE status IN ('submitted', 'under_appraisal')`,
    );
    // Hand-written from here: the counts follow every insert, status change and delete
    // of a dossier. Each dossier counts in one of 16 shards (from its id), so concurrent
    // transitions of one unit's dossiers rarely wait for the same row. An update touches
    // its two rows in one statement, in key order, so two transitions cannot deadlock.
    await queryRunner.query(`
      CREATE FUNCTION dossier_status_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO dossier_status_counts AS c (authority_id, unit_id, status, shard, n)
          VALUES (NEW.authority_id, NEW.unit_id, NEW.status, dossier_count_shard(NEW.id), 1)
          ON CONFLICT (authority_id, unit_id, status, shard) DO UPDATE SET n = c.n + 1;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE dossier_status_counts SET n = n - 1
           WHERE authority_id = OLD.authority_id AND unit_id = OLD.unit_id AND status = OLD.status
             AND shard = dossier_count_shard(OLD.id);
        ELSIF (OLD.authority_id, OLD.unit_id, OLD.status)
              IS DISTINCT FROM (NEW.authority_id, NEW.unit_id, NEW.status) THEN
          INSERT INTO dossier_status_counts AS c (authority_id, unit_id, status, shard, n)
          SELECT a, u, s, dossier_count_shard(NEW.id), d
            FROM (VALUES (OLD.authority_id, OLD.unit_id, OLD.status, -1),
                         (NEW.authority_id, NEW.unit_id, NEW.status, 1)) v(a, u, s, d)
           ORDER BY a, u, s
          ON CONFLICT (authority_id, unit_id, status, shard) DO UPDATE SET n = c.n + excluded.n;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION dossier_count_shard(id uuid) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (abs(hashtext(id::text)) % 16)::smallint $$`);
    await queryRunner.query(`
      CREATE TRIGGER dossier_status_counts_track
      AFTER INSERT OR DELETE OR UPDATE OF authority_id, unit_id, status ON dossiers
      FOR EACH ROW EXECUTE FUNCTION dossier_status_counts_track()`);
    await queryRunner.query(`
      INSERT INTO dossier_status_counts (authority_id, unit_id, status, shard, n)
      SELECT authority_id, unit_id, status, dossier_count_shard(id), count(*) FROM dossiers
       GROUP BY 1, 2, 3, 4`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER dossier_status_counts_track ON dossiers`);
    await queryRunner.query(`DROP FUNCTION dossier_status_counts_track()`);
    await queryRunner.query(`DROP FUNCTION dossier_count_shard(uuid)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c7e8deee16a183a1d9d766a33a"`);
    await queryRunner.query(`DROP TABLE "dossier_status_counts"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_b54d5ffa4977421502f7718c13" ON "dossiers" USING btree ("authority_id", "status", "appraisal_due_on") `,
    );
  }
}
