import { DataSourceOptions } from 'typeorm';
import { AuditRecord } from '../audit/audit-record.entity';
import { CaseFile } from '../cases/case-file.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-foundation';

/** Entities and migrations are listed, not globbed, so ts-jest and the compiled build load the same set. */
export const ENTITIES = [AuditRecord, CaseFile];
export const MIGRATIONS = [Foundation1764000000000];

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize },
  };
}
