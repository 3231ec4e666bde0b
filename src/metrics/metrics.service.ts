import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per application instance (tests run several in one process). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly pushSends = new Counter({
    name: 'push_sends_total',
    help: 'FCM sends by outcome (sent, unregistered, retry).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly alarmReceiptToPush = new Histogram({
    name: 'alarm_receipt_to_push_seconds',
    help: 'From receipt of a distress to FCM accepting a push of its alarm.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  /** Receipt → first acknowledgement: the answer time BS 8484 (10 s, 40 s) and TSA (60 s, 180 s) judge. */
  readonly alarmAnswer = new Histogram({
    name: 'alarm_answer_seconds',
    help: 'From receipt of a distress to the first acknowledgement of its alarm.',
    labelNames: ['jurisdiction'] as const,
    buckets: [5, 10, 20, 40, 60, 120, 180, 300, 600],
    registers: [this.registry],
  });

  readonly alarmsUnrouted = new Counter({
    name: 'alarms_unrouted_total',
    help: 'Alarm steps (first push, escalation, re-alert) for which no phone at all could be found.',
    labelNames: ['jurisdiction'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
