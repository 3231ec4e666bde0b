import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { NotFoundProblem } from '../common/problems';
import { DutyDto, OperatorDto, PushTokenDto, RegisterPushTokenDto } from './dto/push.dto';
import { PushTransport } from './fcm-transport';
import { OperatorDuty } from './operator-duty.entity';
import { PushToken } from './push-token.entity';
import { PUSH_TRANSPORT } from './push-transport.token';

/**
 * Staff's phones (push tokens) and operators' duty: where push_token and operator_duty are written
 * (but for the tokens FCM reports unregistered, which the outbox drops with the outcome).
 */
@Injectable()
export class OperatorRoster {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUSH_TRANSPORT) private readonly transport: PushTransport,
    private readonly clock: Clock,
  ) {}

  /** Whether phones are paged at all (FCM configured); without, the live feed is the only way. */
  get pushEnabled(): boolean {
    return this.transport.enabled;
  }

  async registerToken(actor: Actor, input: RegisterPushTokenDto): Promise<PushTokenDto> {
    // A token moves with its phone: registering it again, by anyone, takes it over.
    const [saved] = await this.db.query(
      `INSERT INTO push_token (id, operator_id, token, platform, roles, jurisdictions, partner_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (token) DO UPDATE SET operator_id = EXCLUDED.operator_id, platform = EXCLUDED.platform,
         roles = EXCLUDED.roles, jurisdictions = EXCLUDED.jurisdictions, partner_id = EXCLUDED.partner_id
       RETURNING id, platform, created_at AS "createdAt"`,
      [
        randomUUID(),
        actor.subject,
        input.token,
        input.platform,
        [...actor.roles],
        [...actor.jurisdictions],
        actor.partnerOrganisationId ?? null,
        this.clock.now(),
      ],
    );
    return saved;
  }

  async tokensOf(actor: Actor): Promise<PushTokenDto[]> {
    const tokens = await this.db
      .getRepository(PushToken)
      .find({ where: { operatorId: actor.subject }, order: { createdAt: 'ASC' } });
    return tokens.map(({ id, platform, createdAt }) => ({ id, platform, createdAt }));
  }

  async removeToken(actor: Actor, id: string): Promise<void> {
    const result = await this.db.getRepository(PushToken).delete({ id, operatorId: actor.subject });
    if (!result.affected) throw new NotFoundProblem(`Push token ${id} was not found.`);
  }

  async setDuty(actor: Actor, input: DutyDto): Promise<OperatorDto> {
    await this.db.getRepository(OperatorDuty).upsert(
      {
        operatorId: actor.subject,
        onDuty: input.onDuty,
        supervisor: input.supervisor ?? false,
        jurisdictions: [...actor.jurisdictions],
        updatedAt: this.clock.now(),
      },
      ['operatorId'],
    );
    return this.operator(actor);
  }

  async operator(actor: Actor): Promise<OperatorDto> {
    const duty = await this.db.getRepository(OperatorDuty).findOneBy({ operatorId: actor.subject });
    return {
      operatorId: actor.subject,
      onDuty: duty?.onDuty ?? false,
      supervisor: duty?.supervisor ?? false,
      jurisdictions: duty?.jurisdictions ?? [...actor.jurisdictions],
      tokens: await this.tokensOf(actor),
      pushEnabled: this.transport.enabled,
    };
  }

  /**
   * The jurisdictions someone on duty can be reached in: an operator on duty with a phone registered
   * (with pushes off, on duty is enough: the console's live feed reaches them). `*` covers all.
   * `except` leaves one operator out (is this operator the last one covering?).
   */
  async reachableJurisdictions(except?: string): Promise<Set<string>> {
    const rows: Array<{ jurisdiction: string }> = await this.db.query(
      `SELECT DISTINCT unnest(d.jurisdictions) AS jurisdiction FROM operator_duty d
       WHERE d.on_duty AND d.operator_id IS DISTINCT FROM $1
         AND (NOT $2 OR EXISTS (SELECT 1 FROM push_token t WHERE t.operator_id = d.operator_id))`,
      [except ?? null, this.transport.enabled],
    );
    return new Set(rows.map((r) => r.jurisdiction));
  }
}
