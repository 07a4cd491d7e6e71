import { createTestDatabase, dropTestDatabase } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { migrations } from '../../migrations';
import { seedDemo } from '../support/actors';
import { actors, draftDossier, lookups, submittedDossier } from '../support/workflow-fixtures';

describe('database: migrations, drift and per-file isolation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has every migration applied, in order', async () => {
    const applied = await t.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((r: { name: string }) => r.name)).toEqual(
      migrations.map((m) => (m as { name: string }).name),
    );
  });

  it('leaves no difference between the migrated schema and the entities (no drift)', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration, down to an empty schema, and applies them again to the same schema', async () => {
    const shape = (ds: DataSource) =>
      ds.query(
        `SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS what
           FROM information_schema.columns WHERE table_schema = 'public'
         UNION ALL SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = 'public'
         UNION ALL SELECT 'trigger', tgname || ' on ' || tgrelid::regclass FROM pg_trigger WHERE NOT tgisinternal
         UNION ALL SELECT 'function', proname FROM pg_proc p WHERE pronamespace = 'public'::regnamespace
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
         ORDER BY 1, 2`,
      );
    const cycled = await createTestDatabase();
    const ds = new DataSource(typeormOptions(cycled.url, 1));
    await ds.initialize();
    try {
      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
      const left = await ds.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      expect(left.map((r: { table_name: string }) => r.table_name)).toEqual(['migrations']);
      await ds.runMigrations();
      expect(await shape(ds)).toEqual(await shape(t.dataSource));
    } finally {
      await ds.destroy();
      await dropTestDatabase(cycled.name);
    }
  });

  it('never synchronizes the schema', () => {
    expect(t.dataSource.options.synchronize).toBe(false);
  });

  it('gives each test file its own database, cloned from the template', async () => {
    const [{ current }] = await t.dataSource.query('SELECT current_database() AS current');
    expect(current).toBe(t.databaseName);

    // A write here is invisible from another clone of the same template.
    await t.dataSource.query('CREATE TABLE isolation_probe (id int)');
    const other = await createTestDatabase();
    const ds = new DataSource(typeormOptions(other.url, 1));
    await ds.initialize();
    try {
      const [{ exists }] = await ds.query(
        "SELECT to_regclass('public.isolation_probe') IS NOT NULL AS exists",
      );
      expect(exists).toBe(false);
    } finally {
      await ds.destroy();
      await dropTestDatabase(other.name);
    }
    await t.dataSource.query('DROP TABLE isolation_probe');
  });

  it('makes drafts withdrawn before the discard step discarded, and back on revert; a sent one stays withdrawn', async () => {
    await seedDemo(t);
    const as = await actors(t);
    const { id: draft } = await draftDossier(as.hungdao, undefined, [], 'Lập nhầm');
    await as.hungdao.post(`/api/dossiers/${draft}/discard`).send({}).expect(200);
    const sent = await submittedDossier(as.hungdao, await lookups(t), 'Trần Văn Hùng', 'Đã gửi');
    await as.hungdao.post(`/api/dossiers/${sent}/withdraw`).send({}).expect(200);
    const state = async () =>
      t.dataSource.query(
        `SELECT d.status, e.action, e.to_status FROM dossiers d
           JOIN dossier_events e ON e.dossier_id = d.id AND e.action <> 'create' AND e.action <> 'submit'
          WHERE d.id = ANY($1) ORDER BY array_position($1::uuid[], d.id)`,
        [[draft, sent]],
      );
    const now = [
      { status: 'discarded', action: 'discard', to_status: 'discarded' },
      { status: 'withdrawn', action: 'withdraw', to_status: 'withdrawn' },
    ];
    expect(await state()).toEqual(now);
    const discard = migrations.findIndex((m) => m.name === 'DiscardedDrafts1796590000000');
    for (let i = migrations.length; i > discard; i--) await t.dataSource.undoLastMigration();
    // As the data were before the step: a draft cancelled was "withdrawn".
    expect(await state()).toEqual([
      { status: 'withdrawn', action: 'withdraw', to_status: 'withdrawn' },
      now[1],
    ]);
    await t.dataSource.runMigrations();
    expect(await state()).toEqual(now);
  });
});
