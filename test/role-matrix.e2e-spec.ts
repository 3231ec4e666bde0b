import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Role, ROLES } from '../src/auth/actor';
import { signDevToken } from '../src/auth/token-verifier';
import { startTestApp, TestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  allowed: Set<Role>;
  /** Marked `public` for every role: answered without a token. */
  open: boolean;
}

/** The route × role table of the README, between its role-matrix markers. */
function readmeMatrix(): Route[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /<!-- role-matrix:start -->([\s\S]*?)<!-- role-matrix:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no role-matrix block');
  const [header, , ...rows] = block[1].trim().split('\n');
  const columns = header
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean);
  expect(columns.slice(2)).toEqual([...ROLES]);
  return rows.map((row) => {
    const [method, path, ...cells] = row
      .split('|')
      .map((cell) => cell.trim())
      .filter(Boolean);
    const open = cells.every((cell) => cell === 'public');
    return {
      method,
      path,
      open,
      allowed: new Set(ROLES.filter((_, i) => open || cells[i] === '✓')),
    };
  });
}

// Stand-in values: ids that exist nowhere, so an allowed role reaches the handler and gets 404 or 400.
const concrete = (path: string) =>
  path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

describe('route × role matrix of the README', () => {
  let t: TestApp;
  let base: string;
  const matrix = readmeMatrix();

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(() => t.close());

  /** The status of one call; a stream (server-sent events) is closed once its head arrives. */
  async function statusOf(route: Route, token?: string): Promise<number> {
    const res = await fetch(`${base}${concrete(route.path)}`, {
      method: route.method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: route.method === 'GET' ? undefined : '{}',
    });
    await res.body?.cancel();
    return res.status;
  }

  it('lists exactly the routes of the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json');
    const documented = Object.entries(body.paths as Record<string, object>)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
      );
    expect(matrix.map((r) => `${r.method} ${r.path}`).sort()).toEqual(documented.sort());
  });

  it('refuses every route without a token (401), except those marked public', async () => {
    for (const route of matrix) {
      const status = await statusOf(route);
      const outcome = status === 401 ? 'refused' : status < 500 ? 'answered' : `failed ${status}`;
      expect(`${route.method} ${route.path} → ${outcome}`).toBe(
        `${route.method} ${route.path} → ${route.open ? 'answered' : 'refused'}`,
      );
    }
  });

  it.each([...ROLES])('lets %s through exactly the routes the table gives it', async (role) => {
    // A partner user's token names its organisation (a seeded one of FR-82's network).
    const token =
      role === 'partner'
        ? await signDevToken(t.config, {
            roles: ['partner'],
            jurisdictions: ['FR-82'],
            subject: 'partner@cidff-82',
            partnerOrganisationId: 'cidff-82',
          })
        : await t.token(role, ['FR-82']);
    for (const route of matrix) {
      const status = await statusOf(route, token);
      const outcome = status === 401 || status === 403 ? 'refused' : 'let through';
      expect(`${route.method} ${route.path} → ${outcome} (${status})`).toBe(
        `${route.method} ${route.path} → ${route.allowed.has(role) ? 'let through' : 'refused'} (${status})`,
      );
      expect(status).toBeLessThan(500);
    }
  });
});
