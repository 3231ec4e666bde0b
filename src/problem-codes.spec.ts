import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { PROBLEM_CODES } from './problem-codes';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('problem codes', () => {
  it('are unique', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
  });

  it('list every code the source answers with (a 409 or a refusal)', () => {
    const used = new Set<string>();
    for (const file of sources(__dirname)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/ConflictProblem\(\s*'([^']+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/code: '([^']+)'/g)) used.add(m[1]);
    }
    expect([...used].filter((code) => !PROBLEM_CODES.includes(code))).toEqual([]);
  });
});
