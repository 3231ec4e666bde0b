import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validationExceptionFactory } from './common/validation';
import { AppConfig } from './config/app-config';
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
      .addBearerAuth()
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
  const strict = helmet();
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

  const document = openApiDocument(app);
  if (config.docsEnabled)
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
