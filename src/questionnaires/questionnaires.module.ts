import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadQuestionnaires } from './domain/load-questionnaires';
import { LOADED_QUESTIONNAIRES, QuestionnaireRegistry } from './questionnaire-registry';
import { QuestionnaireVersion } from './questionnaire-version.entity';
import { QuestionnairesController } from './questionnaires.controller';

@Module({
  imports: [TypeOrmModule.forFeature([QuestionnaireVersion])],
  controllers: [QuestionnairesController],
  providers: [
    // Read and checked while the application is built: a broken file stops start-up.
    {
      provide: LOADED_QUESTIONNAIRES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadQuestionnaires(config.rulesDir),
    },
    QuestionnaireRegistry,
  ],
  exports: [QuestionnaireRegistry],
})
export class QuestionnairesModule {}
