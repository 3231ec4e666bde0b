import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';
import { Assessment } from './assessment.entity';
import { AssessmentViews } from './assessment-views';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

@Module({
  imports: [TypeOrmModule.forFeature([Assessment]), AuditModule, CasesModule, QuestionnairesModule],
  controllers: [AssessmentsController],
  providers: [AssessmentsRepository, AssessmentViews, AssessmentsService],
  exports: [AssessmentsService],
})
export class AssessmentsModule {}
