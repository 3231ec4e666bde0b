import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { IntervalJob } from '../common/interval-job';
import { sealAuditChain } from './audit-chain';

/** Links new audit records into the hash chain every few seconds (one instance at a time). */
@Injectable()
export class AuditChainJob extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super(registry, 'audit.chain', 5000);
  }

  protected work(): Promise<number> {
    return sealAuditChain(this.db);
  }
}
