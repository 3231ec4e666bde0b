import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { dataSourceOptions } from './data-source-options';

/** The schema comes from migrations, run at start-up; never from `synchronize`. */
@Module({})
export class DatabaseModule {
  /** `migrationsRun`: false when an owner role has migrated already (MIGRATION_DATABASE_URL). */
  static forUrl(url: string, poolSize: number, migrationsRun = true): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url, poolSize), migrationsRun })],
    };
  }
}
