import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { connect } from 'node:tls';

import { App, cert, Credential, deleteApp, initializeApp } from 'firebase-admin/app';
import { getMessaging, Messaging } from 'firebase-admin/messaging';

import { PushConfig } from '../config/app-config';

export interface PushMessage {
  token: string;
  data: Record<string, string>;
  /** One alarm step: a device shows a retried push once. */
  collapseKey: string;
}

export interface SendOutcome {
  outcome: 'sent' | 'unregistered' | 'retry';
  errorCode?: string;
  messageId?: string;
}

/**
 * What became of a batch: one outcome per message. After a timeout the request may still go on
 * (firebase-admin retries some failures by itself): `late` then gives its real outcomes, and until
 * it settles those messages must not be sent again.
 */
export interface SendResult {
  outcomes: SendOutcome[];
  late?: Promise<SendOutcome[]>;
}

/** Where pushes go: FCM through firebase-admin, or nowhere (the live feed only). */
export abstract class PushTransport {
  abstract readonly enabled: boolean;
  abstract send(messages: PushMessage[]): Promise<SendResult>;
  abstract close(): Promise<void>;
}

export class FeedOnlyTransport extends PushTransport {
  readonly enabled = false;
  async send(): Promise<SendResult> {
    return { outcomes: [] };
  }
  async close(): Promise<void> {}
}

/**
 * firebase-admin messaging over HTTP/1.1 (legacy transport), so that its requests go through the
 * app's `httpAgent`: a keep-alive agent in production, redirected to FCM_CONNECT_TO and trusting
 * FCM_CA_FILE when set (a local FCM-compatible server, or an egress proxy). Only
 * `registration-token-not-registered` drops a token; every other failure is retried (brief §5).
 */
export class FcmTransport extends PushTransport {
  readonly enabled = true;
  private readonly app: App;
  private readonly messaging: Messaging;

  constructor(private readonly config: PushConfig) {
    super();
    this.app = initializeApp(
      { credential: credentialOf(config), projectId: config.projectId, httpAgent: agentOf(config) },
      `tgd-push-${randomUUID()}`,
    );
    this.messaging = getMessaging(this.app);
    this.messaging.enableLegacyHttpTransport();
  }

  async send(messages: PushMessage[]): Promise<SendResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.config.sendTimeoutMs);
    });
    const sending = this.sendEach(messages);
    const outcomes = await Promise.race([sending, timeout]);
    clearTimeout(timer);
    if (outcomes) return { outcomes };
    return {
      outcomes: messages.map(() => ({ outcome: 'retry', errorCode: 'timeout' })),
      late: sending,
    };
  }

  private async sendEach(messages: PushMessage[]): Promise<SendOutcome[]> {
    try {
      const batch = await this.messaging.sendEach(
        messages.map((m) => ({
          token: m.token,
          data: m.data,
          android: { priority: 'high' as const, collapseKey: m.collapseKey, ttl: 300_000 },
          apns: {
            headers: { 'apns-priority': '10', 'apns-collapse-id': m.collapseKey.slice(0, 64) },
          },
        })),
      );
      return batch.responses.map((response) => {
        if (response.success) return { outcome: 'sent', messageId: response.messageId };
        const code = response.error?.code ?? 'unknown';
        return {
          outcome:
            code === 'messaging/registration-token-not-registered' ? 'unregistered' : 'retry',
          errorCode: code,
        };
      });
    } catch (error) {
      return messages.map(() => ({
        outcome: 'retry',
        errorCode: (error as { code?: string }).code ?? 'send-failed',
      }));
    }
  }

  close(): Promise<void> {
    return deleteApp(this.app);
  }
}

function credentialOf(config: PushConfig): Credential {
  if (config.accessToken) {
    const accessToken = config.accessToken;
    return { getAccessToken: async () => ({ access_token: accessToken, expires_in: 3600 }) };
  }
  return cert(config.credentialsFile!);
}

function agentOf(config: PushConfig): Agent {
  const ca = config.caFile ? readFileSync(config.caFile) : undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca });
  if (config.connectTo) {
    const [host, port] = config.connectTo.split(':');
    // Same TLS checks as for FCM itself (server name fcm.googleapis.com), on another address.
    (agent as unknown as { createConnection: unknown }).createConnection = (options: {
      servername?: string;
      host?: string;
    }) =>
      connect({
        ...options,
        host,
        port: Number(port),
        servername: options.servername ?? options.host,
        ca,
      });
  }
  return agent;
}

export function pushTransportFor(config: PushConfig): PushTransport {
  return config.projectId ? new FcmTransport(config) : new FeedOnlyTransport();
}
