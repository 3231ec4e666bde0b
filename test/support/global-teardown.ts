import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Removes the saved cluster of global-setup.ts. */
export default function globalTeardown(): void {
  const file = process.env.PGLITE_TEMPLATE;
  if (file && process.env.PGLITE_TEMPLATE_OWNED)
    rmSync(dirname(file), { recursive: true, force: true });
}
