import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';

import { AppConfig } from '../config/app-config';

/**
 * Paths that could carry personal data if someone ever logged an object holding it. Request and
 * response bodies are never logged; this list is the second line of defence.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.victim',
  '*.author',
  '*.children',
  '*.firstName',
  '*.lastName',
  '*.phone',
  '*.address',
  '*.dateOfBirth',
  '*.description',
  '*.reason',
  '*.note',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Structured JSON logs with a request id on every line (taken from X-Request-Id when sane). */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        // The query string is dropped: filters could one day carry something personal.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
