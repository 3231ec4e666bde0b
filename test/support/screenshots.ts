import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where screenshots go: docs/ with UPDATE_SCREENSHOTS=1 (the ones the README shows), a temporary
 * directory otherwise, so that a test run leaves the working tree clean.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : join(tmpdir(), 'tgd-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
