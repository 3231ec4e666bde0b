import { STATUS_CODES } from 'node:http';

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

import { DomainProblem } from './problems';

export const PROBLEM_TYPE_BASE = '/problems/';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Machine-readable: one of the OpenAPI document's `ProblemCode`s. */
  code: string;
  [extension: string]: unknown;
}

/**
 * Every error leaves as RFC 9457 problem details. Unknown errors become a bare 500 whose body and log
 * line carry no message from the error itself (it may quote SQL or personal values).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request>();
    const response = ctx.getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      const name = exception instanceof Error ? exception.constructor.name : typeof exception;
      const code = (exception as { code?: unknown })?.code;
      this.logger.error({ err: { type: name, code }, requestId: request.id }, 'unhandled error');
    }
    if (response.headersSent) return;
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, instance: request.path, requestId: request.id });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainProblem) {
      return {
        ...this.base(exception.status, exception.code),
        detail: exception.detail,
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : ((body as { message?: unknown }).message ?? exception.message);
      return {
        ...this.base(status),
        detail: Array.isArray(message) ? message.join('; ') : String(message),
      };
    }
    const bodyParser = this.bodyParserProblem(exception);
    if (bodyParser) return bodyParser;
    if (exception instanceof QueryFailedError) {
      const code = (exception as unknown as { code?: string }).code;
      if (code === '23505') {
        return {
          ...this.base(409, 'conflict'),
          detail: 'The record conflicts with an existing one.',
        };
      }
      // Values the database refuses as given (a last line: inputs are checked before): malformed,
      // out of range, too long, or with bytes it does not store (NUL).
      if (['22P02', '22007', '22008', '22003', '22001', '22021', '22P05'].includes(code ?? '')) {
        return { ...this.base(400, 'invalid-value'), detail: 'A value has an invalid format.' };
      }
    }
    return { ...this.base(500), detail: 'An unexpected error occurred; it has been logged.' };
  }

  /** Errors raised by express's body parser before any route runs: bad JSON, oversize body. */
  private bodyParserProblem(exception: unknown): Problem | undefined {
    const err = exception as { type?: unknown; status?: unknown; expose?: unknown };
    if (typeof err?.type !== 'string' || typeof err.status !== 'number') return undefined;
    const status = err.status;
    if (status < 400 || status >= 500) return undefined;
    const details: Record<string, string> = {
      'entity.parse.failed': 'The request body is not valid JSON.',
      'entity.too.large': 'The request body is larger than allowed.',
      'encoding.unsupported': 'The request body encoding is not supported.',
      'charset.unsupported': 'The request body charset is not supported.',
    };
    return {
      ...this.base(status),
      detail: details[err.type] ?? 'The request body could not be read.',
    };
  }

  private base(status: number, code?: string): Pick<Problem, 'type' | 'title' | 'status' | 'code'> {
    const title = STATUS_CODES[status] ?? 'Error';
    const slug = code ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return { type: PROBLEM_TYPE_BASE + slug, title, status, code: slug };
  }
}
