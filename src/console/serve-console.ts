import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

import { AppConfig } from '../config/app-config';

/**
 * Paths the service answers itself, and the console's assets (a missing one is a 404, never the
 * page); every other GET is a client-side route of the console.
 */
const NOT_ROUTES = /^\/(api|docs|docs-json|health|metrics|assets)(\/|$)/;

/** The origin a URL template reaches; a `{s}` subdomain (a, b, c…) becomes a wildcard. */
function origin(url: string | undefined): string[] {
  if (!url) return [];
  const { protocol, host } = new URL(
    url.replace('{s}.', 'subdomain-wildcard.').replace(/[{}]/g, ''),
  );
  return [`${protocol}//${host.replace('subdomain-wildcard.', '*.')}`];
}

/**
 * Security headers of the console's pages: scripts only from the service; the browser may reach the
 * OIDC provider (discovery, token) and the map tile server, nothing else. Mantine sets inline styles.
 */
export function consoleSecurityHeaders(config: AppConfig): RequestHandler {
  const issuer =
    config.auth.mode === 'jwks' && config.console.oidcClientId ? config.auth.issuer : undefined;
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', ...origin(config.console.mapTileUrl)],
        connectSrc: ["'self'", ...origin(issuer)],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
}

/**
 * Serves the built console at `/`: hashed assets cached for good, `index.html` for every client-side
 * route and never cached (a new deployment is picked up on the next load).
 */
export function serveConsole(app: NestExpressApplication, config: AppConfig): void {
  const dir = resolve(config.console.dir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Console').warn(`No console build in ${dir} (npm run build): serving the API only`);
    return;
  }
  app.useStaticAssets(join(dir, 'assets'), {
    prefix: '/assets',
    immutable: true,
    maxAge: '365d',
  });
  app.useStaticAssets(dir, { index: false, maxAge: 0 });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || NOT_ROUTES.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
