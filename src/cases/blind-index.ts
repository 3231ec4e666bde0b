import { createHmac } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Victim } from './domain/case-file';
import { IdentityKey, identityKeys } from './domain/identity-keys';

/** The keyed HMAC of the victims' blind index (BLIND_INDEX_KEY); the clear identity never leaves. */
@Injectable()
export class BlindIndex {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.blindIndexKey;
  }

  keys(victim: Victim): IdentityKey[] {
    return identityKeys({ ...victim, country: victim.address?.country }, (text) =>
      createHmac('sha256', this.key).update(text, 'utf8').digest('hex'),
    );
  }
}
