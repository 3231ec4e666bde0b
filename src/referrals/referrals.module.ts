import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { NetworkModule } from '../network/network.module';
import { Referral } from './referral.entity';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

/** Referrals with consent (issue #17). Exports ReferralsService. */
@Module({
  imports: [TypeOrmModule.forFeature([Referral]), AuditModule, CasesModule, NetworkModule],
  controllers: [ReferralsController],
  providers: [ReferralsRepository, ReferralsService],
  exports: [ReferralsService],
})
export class ReferralsModule {}
