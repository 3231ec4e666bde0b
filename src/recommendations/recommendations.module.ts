import { Module } from '@nestjs/common';

import { AllocationsModule } from '../allocations/allocations.module';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';
import { DecisionController } from './decision.controller';
import { DecisionService } from './decision.service';
import { loadRecommendationRules, MeasureRecommender } from './domain/recommendation-rules';
import { RecommendationsController } from './recommendations.controller';
import { MEASURE_RECOMMENDER, RecommendationsService } from './recommendations.service';

@Module({
  imports: [AuditModule, AssessmentsModule, CasesModule, QuestionnairesModule, AllocationsModule],
  controllers: [RecommendationsController, DecisionController],
  providers: [
    // Read and checked while the application is built: a broken file stops start-up.
    {
      provide: MEASURE_RECOMMENDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new MeasureRecommender(loadRecommendationRules(config.rulesDir)),
    },
    RecommendationsService,
    DecisionService,
  ],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}
