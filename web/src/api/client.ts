import createClient, { type Middleware } from 'openapi-fetch';

import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Alarm = Schemas['AlarmDto'];
export type Problem = Schemas['Problem'];

/** A problem-details answer (RFC 9457) as an error the screens can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let bearer: (() => string | undefined) | undefined;

/** Where the client reads the signed-in user's token (set by the session). */
export function setBearerSource(source: () => string | undefined): void {
  bearer = source;
}

export function authHeaders(): Record<string, string> {
  const token = bearer?.();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

const auth: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    return request;
  },
};

/** The typed client of the service's own OpenAPI document (generated: npm run api:types). */
export const api = createClient<paths>({ baseUrl: '/' });
api.use(auth);

/** Sent on the window when the service refuses the token: the session signs out. */
export const UNAUTHORIZED_EVENT = 'tgd:unauthorized';

/** The answer's data, or an ApiError carrying its problem details. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (error !== undefined || !response.ok)
    throw new ApiError(response.status, (error ?? {}) as Partial<Problem>);
  return data as T;
}
