import { FieldError, toPointer } from './problems';

/** Deeper than any body this API reads; deeper bodies are refused before anything walks them. */
export const MAX_DEPTH = 32;
/** Keys that reach an object's prototype when copied (prototype pollution). */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** C0 control characters but tab, line feed and carriage return; NUL above all, which PostgreSQL refuses. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_ERRORS = 20;

/**
 * What in a request's body, query or path no route may receive: control characters in strings or
 * keys, prototype keys, nesting deeper than MAX_DEPTH. Walked without recursion, so a body nested
 * thousands of levels deep is refused, not a stack overflow. Pure: no Nest.
 */
export function unsafeInput(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ node: unknown; path: string; depth: number }> = [
    { node: value, path: root, depth: 0 },
  ];
  const add = (path: string, message: string) => {
    errors.push({ field: path, pointer: toPointer(path), message });
  };
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { node, path, depth } = stack.pop()!;
    if (typeof node === 'string') {
      if (CONTROL.test(node)) add(path, 'contains a control character');
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      add(path, `is nested more than ${MAX_DEPTH} levels deep`);
      continue;
    }
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (POISONED_KEYS.has(key)) add(at, 'is not an allowed key');
      else if (CONTROL.test(key))
        add(at.replace(new RegExp(CONTROL, 'g'), '?'), 'has a control character in its key');
      else stack.push({ node: (node as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return errors;
}

/**
 * A copy that is safe to serialise and store whatever came in: nesting cut at MAX_DEPTH, control
 * characters and prototype keys replaced. For keeping a malformed device event as a fault.
 */
export function tamed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(new RegExp(CONTROL, 'g'), '\uFFFD');
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deeply]';
  if (Array.isArray(value)) return value.map((v) => tamed(v, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const safeKey = POISONED_KEYS.has(key) ? `[${key}]` : (tamed(key) as string);
    copy[safeKey] = tamed((value as Record<string, unknown>)[key], depth + 1);
  }
  return copy;
}
