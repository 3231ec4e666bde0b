/**
 * PostgreSQL errors after which the same work may simply run again: the transaction was rolled back
 * whole (deadlock detected, serialization failure) before anything was answered.
 */
const TRANSIENT = new Set(['40P01', '40001']);

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

/** Runs `work` again (up to `attempts` times in all) when it failed on a transient error. */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      // A short, jittered pause so that two retried transactions do not meet again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
