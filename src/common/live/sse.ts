import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  MessageEvent,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
import { interval, map, merge, NEVER, Observable, takeUntil, timer } from 'rxjs';

import { Actor } from '../../auth/actor';
import { FEED_RESET, FeedEntry, JournalEvent } from './live-journal';

const HEARTBEAT_MS = 15_000;

/** How a live journal's route is described: resumable Server-Sent Events of `events`. */
export function ApiLiveFeed(events: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('text/event-stream'),
    ApiHeader({
      name: 'Last-Event-ID',
      required: false,
      description:
        'The id of the last event received: what happened since comes first, on any instance. Browsers send it when they reconnect.',
    }),
    ApiQuery({
      name: 'lastEventId',
      required: false,
      type: String,
      description: 'The same as the Last-Event-ID header, for clients that cannot set headers.',
    }),
    ApiOkResponse({
      description: `Live feed (Server-Sent Events) of every instance: ${events}; each event id is a position to resume from. feed.reset (with an empty id): the position asked for is no longer kept, reload the list. A heartbeat comment (\`: heartbeat\`) every 15 s, which carries no id. The stream ends when the token expires: reconnect with a current one.`,
    }),
  );
}

/**
 * Where a console resumes: the `Last-Event-ID` header its browser sends on reconnecting, or the
 * `lastEventId` query of clients that cannot set headers (both described by `ApiLiveFeed`).
 */
export const LastEventId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers['last-event-id'];
    const query = request.query.lastEventId;
    if (typeof header === 'string') return header;
    return typeof query === 'string' ? query : undefined;
  },
);

/**
 * A journal's entries as Server-Sent Events: each event typed and numbered by its position, a
 * heartbeat comment, and the end of the stream when the caller's token expires.
 */
export function liveEvents<E extends JournalEvent>(
  actor: Actor,
  entries: Observable<FeedEntry<E> | typeof FEED_RESET>,
): Observable<MessageEvent> {
  const heartbeat = interval(HEARTBEAT_MS).pipe(
    // A comment: it keeps proxies and the client's watchdog awake without an id, so that a
    // client resuming after it resumes from the last event, not from the heartbeat.
    map((): MessageEvent => ({ comment: 'heartbeat' })),
  );
  const events = entries.pipe(
    map((entry): MessageEvent =>
      entry === FEED_RESET
        ? { type: FEED_RESET, id: '', data: {} }
        : { type: entry.event.type, id: entry.cursor, data: entry.event },
    ),
  );
  // Never longer than the token is valid: a revoked or expired sign-in stops receiving.
  // (setTimeout fires at once past 2^31 - 1 ms: a 30-day token's stream ends after 24.8 days.)
  const expiry =
    actor.expiresAt === undefined
      ? NEVER
      : timer(Math.min(Math.max(0, actor.expiresAt - Date.now()), 2 ** 31 - 1));
  return merge(events, heartbeat).pipe(takeUntil(expiry));
}
