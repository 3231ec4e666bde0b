import { startTestApp, TestApp } from './support/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leave the schema exactly as the entities describe it (nothing left for synchronize to do)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied, and applying them again is a no-op', async () => {
    expect(await t.db.showMigrations()).toBe(false);
    expect(await t.db.runMigrations()).toEqual([]);
  });

  it('can be reverted to an empty schema and applied again', async () => {
    const count = t.db.migrations.length;
    for (let i = 0; i < count; i++) await t.db.undoLastMigration();
    const tables = await t.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration'`,
    );
    expect(tables).toEqual([]);
    expect(await t.db.runMigrations()).toHaveLength(count);
  });
});
