import { authHeaders, UNAUTHORIZED_EVENT } from '../api/client';

/** Where the link stands; `live` is the board's to say, once it has caught up (see useAlarmBoard). */
export type LinkStatus = 'connecting' | 'connected' | 'disconnected';

export interface FeedMessage {
  type: string;
  id?: string;
  data: unknown;
}

export interface FeedHandlers {
  /** The messages of one read, together: a replay after a reconnection is applied at once. */
  onMessages(messages: FeedMessage[]): void;
  /** `connection` numbers the connections: a catch-up belongs to the one it was started for. */
  onStatus(status: LinkStatus, connection: number): void;
}

/** The service sends a heartbeat comment every 15 s: silence past this means the link is dead. */
const SILENCE_MS = 25_000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * A live feed of the service (the alarms', the TGD requests'), read with fetch rather than EventSource so that the token travels in the
 * Authorization header like on every call, never in the URL (URLs reach logs and proxies).
 * Reconnects for ever with a jittered backoff, resuming from the last event id; the browser going
 * offline drops the link at once. Returns a stop function.
 */
export function openEventStream(url: string, handlers: FeedHandlers): () => void {
  const stopped = new AbortController();
  let lastEventId: string | undefined;
  let connection = 0;
  let current: AbortController | undefined;
  const offline = () => current?.abort();
  window.addEventListener('offline', offline);
  stopped.signal.addEventListener('abort', () => {
    window.removeEventListener('offline', offline);
    current?.abort();
  });

  const connectOnce = async (): Promise<boolean> => {
    const attempt = new AbortController();
    current = attempt;
    let watchdog = setTimeout(() => attempt.abort(), SILENCE_MS);
    const awake = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => attempt.abort(), SILENCE_MS);
    };
    try {
      const response = await fetch(url, {
        headers: {
          ...authHeaders(),
          Accept: 'text/event-stream',
          ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
        },
        cache: 'no-store',
        signal: attempt.signal,
      });
      if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
      // A proxy's login page or a misrouted answer is not the feed.
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !response.body || !type.startsWith('text/event-stream')) return false;
      awake();
      connection += 1;
      handlers.onStatus('connected', connection);
      // Decoded here rather than through a TextDecoderStream: one stream stage less per event.
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        awake();
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
        buffer = blocks.pop() ?? '';
        const messages: FeedMessage[] = [];
        for (const block of blocks) {
          const message = parseBlock(block);
          if (message.id !== undefined) lastEventId = message.id || undefined;
          if (message.data !== undefined) messages.push(message as FeedMessage);
        }
        if (messages.length > 0) handlers.onMessages(messages);
      }
    } finally {
      clearTimeout(watchdog);
    }
  };

  const run = async () => {
    let retryMs = FIRST_RETRY_MS;
    while (!stopped.signal.aborted) {
      handlers.onStatus('connecting', connection);
      const startedAt = Date.now();
      const connected = await connectOnce().catch(() => false);
      if (stopped.signal.aborted) return;
      handlers.onStatus('disconnected', connection);
      // A link that lived a while starts the backoff again; jitter spreads a fleet's reconnections.
      if (connected && Date.now() - startedAt > SILENCE_MS) retryMs = FIRST_RETRY_MS;
      await new Promise((resolve) => setTimeout(resolve, retryMs * (0.7 + Math.random() * 0.6)));
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
  void run();
  return () => stopped.abort();
}

/**
 * One Server-Sent Events block (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * comments are skipped, an `id` line alone still moves the position, an empty one clears it.
 */
export function parseBlock(block: string): Partial<FeedMessage> {
  let type = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  }
  if (data.length === 0) return { id };
  const text = data.join('\n');
  try {
    return { type, id, data: JSON.parse(text) as unknown };
  } catch {
    return { type, id, data: text };
  }
}
