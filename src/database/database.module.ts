import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';

/** The schema comes from migrations, run at start-up; never from `synchronize`. */
@Module({})
export class DatabaseModule {
  static forUrl(url: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(url, poolSize), migrationsRun: true }),
      ],
    };
  }
}
