import { parseArgs } from 'node:util';

import { loadConfig, readEnvironment } from '../../config/app-config';
import { Role, ROLES } from '../actor';
import { signDevToken } from '../token-verifier';

/**
 * `npm run token -- --role coordinator --jurisdiction FR-82`: prints a development token on its last
 * line. A partner user's: `--role partner --jurisdiction FR-82 --partner-org cidff-82`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      jurisdiction: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      'partner-org': { type: 'string' },
    },
  });
  const roles = (values.role ?? []) as Role[];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0) {
    throw new Error(`--role must be one of ${ROLES.join(', ')} (repeatable)`);
  }
  const token = await signDevToken(loadConfig(readEnvironment()), {
    subject: values.sub,
    roles,
    jurisdictions: values.jurisdiction ?? [],
    ttlSeconds: values.ttl ? Number(values.ttl) : undefined,
    partnerOrganisationId: values['partner-org'],
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
