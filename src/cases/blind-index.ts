import { createHmac } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Victim } from './domain/case-file';
import { IdentityKey, identityKeys } from './domain/identity-keys';

/** The keyed HMAC of the victims' blind index (BLIND_INDEX_KEY); the clear identity never leaves. */
@Injectable()
export class BlindIndex {
  private readonly key: Buffer;
  /** Names the key without revealing it: stored beside the digests it made. */
  readonly fingerprint: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.blindIndexKey;
    this.fingerprint = createHmac('sha256', this.key)
      .update('blind-index key fingerprint', 'utf8')
      .digest('hex')
      .slice(0, 16);
  }

  keys(victim: Victim): IdentityKey[] {
    return identityKeys({ ...victim, country: victim.address?.country }, (text) =>
      createHmac('sha256', this.key).update(text, 'utf8').digest('hex'),
    );
  }
}
