import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface FcmMessage {
  at: number;
  token: string;
  data: Record<string, string>;
  android?: { priority?: string; collapse_key?: string };
  state: string;
  authorization?: string;
}

export interface FcmServer {
  /** Environment that points the service's firebase-admin at this server. */
  env: Record<string, string>;
  messages(): Promise<FcmMessage[]>;
  mode(mode: 'ok' | 'quota' | 'error' | 'unavailable' | 'timeout', forMs?: number): Promise<void>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The local FCM-compatible server (test/support/fcm-server.mjs) in a child process, on loopback. */
export async function startFcmServer(): Promise<FcmServer> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'fcm-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { fcmPort, controlPort } = JSON.parse(line);
  const control = `http://127.0.0.1:${controlPort}`;
  const post = (path: string, body: object = {}) =>
    fetch(`${control}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) =>
      r.json(),
    );
  return {
    env: {
      FCM_PROJECT_ID: 'tgd-test',
      FCM_ACCESS_TOKEN: 'test-access-token',
      FCM_CONNECT_TO: `127.0.0.1:${fcmPort}`,
      FCM_CA_FILE: join(__dirname, '..', 'fixtures', 'fcm-tls', 'cert.pem'),
    },
    messages: () => fetch(`${control}/messages`).then((r) => r.json() as Promise<FcmMessage[]>),
    mode: async (mode, forMs) => {
      await post('/mode', { mode, forMs });
    },
    reset: async () => {
      await post('/reset');
    },
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}

/** Retries `check` until it passes or `timeoutMs` runs out (then its last failure is thrown). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
