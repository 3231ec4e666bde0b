import { DataSource } from 'typeorm';

import { dataSourceOptions } from './data-source-options';

/**
 * Applies pending migrations through the owner's connection and, when the service connects as
 * another role, grants that role what it needs and nothing more: it owns no table, so it can
 * neither alter nor drop one, nor disable a trigger; on `audit_record` it may only INSERT and
 * SELECT (append-only even against the service itself). Returns the migrations applied.
 */
export async function migrate(ownerUrl: string, serviceUrl: string): Promise<string[]> {
  const source = new DataSource(dataSourceOptions(ownerUrl, 1));
  await source.initialize();
  try {
    const applied = await source.runMigrations();
    const owner = roleOf(ownerUrl);
    const service = roleOf(serviceUrl);
    if (service && service !== owner) {
      const role = `"${service.replace(/"/g, '""')}"`;
      for (const statement of [
        // Nobody but the owner creates objects (PostgreSQL before 15 let PUBLIC do so).
        `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
        `REVOKE CREATE ON SCHEMA public FROM ${role}`,
        `GRANT USAGE ON SCHEMA public TO ${role}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
        `REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM ${role}`,
        `REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM ${role}`,
        `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM ${role}`,
      ])
        await source.query(statement);
    }
    return applied.map((m) => m.name);
  } finally {
    await source.destroy();
  }
}

function roleOf(url: string): string | null {
  try {
    const user = new URL(url).username;
    return user ? decodeURIComponent(user) : null;
  } catch {
    return null;
  }
}
