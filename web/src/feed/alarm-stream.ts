import { authHeaders, UNAUTHORIZED_EVENT } from '../api/client';

export type FeedStatus = 'connecting' | 'live' | 'disconnected';

export interface FeedMessage {
  type: string;
  id?: string;
  data: unknown;
}

export interface FeedHandlers {
  onMessage(message: FeedMessage): void;
  onStatus(status: FeedStatus): void;
  /** Connected (again): whatever was missed must be read from the list. */
  onConnected(): void;
}

/** The service sends a heartbeat every 15 s: silence past this means the connection is dead. */
const SILENCE_MS = 35_000;
const MAX_RETRY_MS = 10_000;

/**
 * The live alarm feed, read with fetch rather than EventSource so that the token travels in the
 * Authorization header like on every call, never in the URL (URLs reach logs and proxies).
 * Reconnects for ever with a backoff, resuming from the last event id; returns a stop function.
 */
export function openAlarmStream(url: string, handlers: FeedHandlers): () => void {
  const stopped = new AbortController();
  let lastEventId: string | undefined;

  const connectOnce = async (): Promise<void> => {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    stopped.signal.addEventListener('abort', abort);
    let watchdog = setTimeout(abort, SILENCE_MS);
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
      if (!response.ok || !response.body) throw new Error(`feed answered ${response.status}`);
      handlers.onStatus('live');
      handlers.onConnected();
      // Decoded here rather than through a TextDecoderStream: one stream stage less per event.
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        clearTimeout(watchdog);
        watchdog = setTimeout(abort, SILENCE_MS);
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const message = parseBlock(block);
          if (!message) continue;
          if (message.id) lastEventId = message.id;
          handlers.onMessage(message);
        }
      }
    } finally {
      clearTimeout(watchdog);
      stopped.signal.removeEventListener('abort', abort);
    }
  };

  const run = async () => {
    let retryMs = 500;
    while (!stopped.signal.aborted) {
      handlers.onStatus('connecting');
      const connectedAt = Date.now();
      try {
        await connectOnce();
      } catch {
        // Refused, cut or silent: reconnect below.
      }
      if (stopped.signal.aborted) return;
      handlers.onStatus('disconnected');
      // A connection that lived a while starts the backoff again.
      retryMs = Date.now() - connectedAt > SILENCE_MS ? 500 : Math.min(retryMs * 2, MAX_RETRY_MS);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  void run();
  return () => stopped.abort();
}

/** One Server-Sent Events block (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export function parseBlock(block: string): FeedMessage | undefined {
  let type = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  if (data.length === 0) return undefined;
  const text = data.join('\n');
  try {
    return { type, id, data: JSON.parse(text) as unknown };
  } catch {
    return { type, id, data: text };
  }
}
