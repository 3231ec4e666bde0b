import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
}
interface OpenApiResponse {
  content?: Record<string, { schema?: object }>;
}

/** A JSON answer that disagrees with the schema the OpenAPI document gives for its status. */
export interface ContractViolation {
  operation: string;
  status: number;
  errors: string;
}

/**
 * The OpenAPI document as a contract on every JSON answer a test receives: each is validated, with
 * ajv, against the schema the document declares for its operation and status. An end-to-end suite
 * that drew an answer its document does not describe fails (`TestApp.close`), so the document
 * cannot lie about what the service says.
 */
export class ResponseContract {
  readonly violations: ContractViolation[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Array<{ method: string; template: string; pattern: RegExp }>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...(asJsonSchema(doc) as object), $id: 'openapi' });
    this.routes = Object.entries(doc.paths).flatMap(([template, operations]) =>
      Object.keys(operations).map((method) => ({
        method,
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
    );
  }

  /** Express middleware: checks every `res.json` answer against the document. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      this.check(req.method.toLowerCase(), req.path, res.statusCode, body);
      return json(body);
    };
    next();
  };

  check(method: string, path: string, status: number, body: unknown): void {
    // A path no operation describes (an unknown route's 404) has no contract to keep.
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return;
    const response = this.doc.paths[route.template][method].responses?.[String(status)];
    const type = Object.keys(response?.content ?? {}).find((t) => t.endsWith('json'));
    if (!response || !type || !response.content![type].schema) return;
    const pointer = [
      'paths',
      route.template,
      method,
      'responses',
      String(status),
      'content',
      type,
      'schema',
    ]
      .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
      .join('/');
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi#/${pointer}` });
      this.validators.set(pointer, validate);
    }
    // What the client receives: dates as strings, undefined fields gone.
    if (!validate(JSON.parse(JSON.stringify(body ?? null))))
      this.violations.push({
        operation: `${method.toUpperCase()} ${route.template}`,
        status,
        errors: this.ajv.errorsText(validate.errors, { separator: '; ' }),
      });
  }
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: the value may also be null, whatever the rest says
 * (an enum, a `$ref` wrapped in `allOf`), as typed-client generators read it.
 */
function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, asJsonSchema(v)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}
