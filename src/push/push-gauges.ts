import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';

import { MetricsService } from '../metrics/metrics.service';
import { PushDispatcher } from './push-dispatcher';
import { PushOutbox } from './push-outbox';

/** Push on /metrics: the outbox's backlog and its age (alert on it), and how long sends fail. */
@Injectable()
export class PushGauges {
  constructor(outbox: PushOutbox, dispatcher: PushDispatcher, metrics: MetricsService) {
    const backlog = () => outbox.backlog();
    for (const [name, help, field] of [
      ['push_backlog', 'Pushes waiting to be sent or retried.', 'pending'],
      ['push_backlog_oldest_seconds', 'Age of the oldest waiting push.', 'oldestSeconds'],
    ] as const) {
      new Gauge({
        name,
        help,
        registers: [metrics.registry],
        async collect() {
          this.set((await backlog())[field]);
        },
      });
    }
    new Gauge({
      name: 'push_failing_seconds',
      help: 'How long every FCM send of this instance has failed (0 when the last one succeeded).',
      registers: [metrics.registry],
      collect() {
        this.set(dispatcher.failingSeconds() ?? 0);
      },
    });
  }
}
