import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { NetworkModule } from '../network/network.module';
import { ConcertationController } from './concertation.controller';
import { ConcertationRepository } from './concertation.repository';
import { ConcertationService } from './concertation.service';
import { ConcertationAction } from './concertation-action.entity';
import { ConcertationMeeting } from './concertation-meeting.entity';

/** Concertation meetings of a network (issue #17). Exports ConcertationService. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConcertationMeeting, ConcertationAction]),
    AuditModule,
    CasesModule,
    AssessmentsModule,
    NetworkModule,
  ],
  controllers: [ConcertationController],
  providers: [ConcertationRepository, ConcertationService],
  exports: [ConcertationService],
})
export class ConcertationModule {}
