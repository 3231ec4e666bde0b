import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validationExceptionFactory } from './common/validation';
import { AppConfig } from './config/app-config';
import { consoleSecurityHeaders, serveConsole } from './console/serve-console';
import { problemSchema } from './problem-codes';

export const API_PREFIX = 'api/v1';

/** The OpenAPI document of the configured application: the contract the console's client is typed from. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TGD engine')
      .setDescription(
        'Danger assessment and Grave Danger Phone (téléphone grave danger, CPP art. 41-3-1) ' +
          'orchestration for intra-family violence networks. Errors are RFC 9457 problem details.',
      )
      .setVersion('1')
      .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
      // Relative: the document describes whichever host serves it.
      .addServer('/')
      .addBearerAuth()
      .addTag('cases', "Victims' case files, scoped to your jurisdictions and audited.")
      .addTag('assessments', 'Danger assessments on a questionnaire: drafts, submission, override.')
      .addTag(
        'recommendations',
        'Measures recommended to the prosecutor from an assessment, and the printable report.',
      )
      .addTag(
        'tgd',
        'Grave Danger Phone (téléphone grave danger, CPP art. 41-3-1): requests, decisions, allocations, hand-overs.',
      )
      .addTag('devices', 'The stock of Grave Danger Phones, per court.')
      .addTag('alarms', "Gateways' device events, and the operators' alarms.")
      .addTag('operators', "The operators' own state and duty.")
      .addTag('push', 'Staff phones registered for push notifications.')
      .addTag('obligations', 'Follow-up obligations of an allocation and their deadlines.')
      .addTag('questionnaires', 'The danger assessment instruments on file.')
      .addTag('audit', 'The audit trail of every read and write of protected data.')
      .addTag('session', 'Who is signed in, and the development sign-in.')
      .addTag('console', 'Settings of the web console.')
      .addTag('operability', 'Health of the service.')
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: problemSchema() },
  };
  return document;
}

/** Everything main.ts and the end-to-end tests configure the same way. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Security headers everywhere; the API documentation page runs Swagger UI's inline scripts.
  const strict = consoleSecurityHeaders(config);
  const docs = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/docs') ? docs : strict)(req, res, next),
  );
  // Answers of the API carry victims' data: never kept by a browser or a proxy.
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // No compressed request bodies: a Content-Encoding is answered 415, never inflated.
  app.useBodyParser('json', { limit: config.httpBodyLimit, inflate: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveConsole(app, config);

  const document = openApiDocument(app);
  if (config.docsEnabled)
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
