import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { IntervalJob } from '../common/interval-job';
import { CaseViews } from './case-views';
import { CASE } from './cases.service';

const REKEYING = new Actor('system:identity-keys', [], ['*']);
const BATCH = 200;
/** A key changes with a restart, which runs a pass; the hourly one catches what others wrote. */
const EVERY_MS = 60 * 60 * 1000;

/**
 * Computes again the blind-index keys of the cases whose keys were made with another key than
 * BLIND_INDEX_KEY, or never (cases opened before issue #17): without it, a new key or the upgrade
 * would leave those victims unrecognisable to MARAC's repeat rule, silently. Each case re-keyed is
 * audited (its victim's identity is opened to compute them); batches are claimed with SKIP LOCKED,
 * so instances share the work. Every instance must run with the same key: two keys side by side
 * would re-key each other's cases (stop them all to change it, see README).
 */
@Injectable()
export class IdentityKeysJob extends IntervalJob {
  constructor(
    registry: SchedulerRegistry,
    private readonly unit: UnitOfWork,
    private readonly views: CaseViews,
  ) {
    super(registry, 'cases.identity-keys', EVERY_MS);
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    void this.runOnce();
  }

  protected async work(): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.unit.run(REKEYING, async (w) => {
        const rows = await this.views.staleIdentityKeys(w.manager, BATCH);
        for (const row of rows) {
          const before = row.identityKeyedWith;
          await this.views.storeIdentityKeys(w.manager, row, this.views.open(row).victim);
          await w.audited(CASE, row, 'case.identity-keys', { previously: before ?? 'none' });
        }
        return rows.length;
      });
      total += done;
      if (done < BATCH) return total;
    }
  }
}
