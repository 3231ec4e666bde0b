import { TestApp } from './test-app';

export interface SseEvent {
  type: string;
  id?: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  events: SseEvent[];
  close(): void;
}

/** The HTTP address of a test app, listening on a free loopback port. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/**
 * A console's live feed (by default the alarms', GET /api/v1/alarms/stream) read as Server-Sent
 * Events (heartbeats left out), optionally resuming from `lastEventId` as a browser's EventSource does.
 */
export async function openFeed(
  base: string,
  authorization: string,
  lastEventId?: string,
  path = '/api/v1/alarms/stream',
): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: {
      Authorization: authorization,
      Accept: 'text/event-stream',
      ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
    },
    signal: abort.signal,
  });
  if (res.status !== 200) throw new Error(`stream: ${res.status}`);
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { type: 'message', data: {} };
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').trimStart();
            if (field === 'event') event.type = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') event.data = JSON.parse(value);
          }
          // Comment-only blocks (the heartbeat) are not events.
          if (!block.split('\n').every((line) => line.startsWith(':'))) events.push(event);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => abort.abort() };
}
