import { useCallback, useEffect, useRef, useState } from 'react';

import { api, ApiError, authHeaders, unwrap } from '../../api/client';
import type { Answers, AnswerValue, Assessment } from './definition';

/** Typing in a text or number field is saved this long after the last keystroke. */
export const DEBOUNCE_MS = 600;
const MAX_RETRY_MS = 30_000;

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date }
  | { state: 'retrying'; inSeconds: number }
  | { state: 'failed'; message: string };

/** A change not yet on the server: an answer, or null to remove it. */
type Batch = Map<string, AnswerValue | null>;

/**
 * Answers saved as they are given: each change is queued, a choice sent at once, typing after
 * DEBOUNCE_MS; one small PATCH carries only the items changed since the last one. A failed save is
 * retried with backoff, answers the server refuses are shown beside their field, and whatever is
 * still queued leaves with a keepalive request when the tab is hidden or closed, so an interrupted
 * interview loses nothing and resumes on another machine.
 */
export function useAutosave(assessment: Assessment, enabled: boolean) {
  const id = assessment.id;
  const [answers, setAnswers] = useState<Answers>(() => assessment.answers as Answers);
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  /** Answers the server refused, by item: its message. */
  const [refused, setRefused] = useState<Record<string, string>>({});
  const pending = useRef<Batch>(new Map());
  const sending = useRef<Promise<boolean> | undefined>(undefined);
  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);
  const retry = useRef<{ attempt: number; timer?: ReturnType<typeof setTimeout> }>({ attempt: 0 });
  const stopped = useRef(false);

  /** Puts a failed batch back in the queue, unless a newer answer was given meanwhile. */
  const requeue = (batch: Batch, except: Set<string> = new Set()) => {
    for (const [item, value] of batch)
      if (!except.has(item) && !pending.current.has(item)) pending.current.set(item, value);
  };

  const send = useCallback(async (): Promise<boolean> => {
    clearTimeout(debounce.current);
    clearTimeout(retry.current.timer);
    if (sending.current) {
      // One request at a time: the queue is sent again once this one is answered.
      const ok = await sending.current;
      return ok && pending.current.size > 0 ? send() : ok;
    }
    if (pending.current.size === 0 || stopped.current) return true;
    const batch: Batch = new Map(pending.current);
    pending.current.clear();
    setStatus({ state: 'saving' });
    const request = (async () => {
      try {
        await unwrap(
          api.PATCH('/api/v1/assessments/{id}', {
            params: { path: { id } },
            body: { answers: Object.fromEntries(batch) },
            // Survives the tab's closing while in flight.
            keepalive: true,
          }),
        );
        retry.current.attempt = 0;
        setRefused((known) => {
          const next = { ...known };
          for (const item of batch.keys()) delete next[item];
          return next;
        });
        if (pending.current.size === 0) setStatus({ state: 'saved', at: new Date() });
        return true;
      } catch (error) {
        const problem = error instanceof ApiError ? error : undefined;
        const fields = problem?.status === 400 ? (problem.problem.errors ?? []) : [];
        if (fields.length > 0) {
          // Refused answers stay on screen with their reason; the others are sent again.
          const byItem = Object.fromEntries(
            fields.map((f) => [f.field.replace(/^answers\./, ''), f.message]),
          );
          setRefused((known) => ({ ...known, ...byItem }));
          requeue(batch, new Set(Object.keys(byItem)));
          setStatus({ state: 'idle' });
          return false;
        }
        if (problem && problem.status >= 400 && problem.status < 500 && problem.status !== 429) {
          // Submitted meanwhile, no longer in scope, signed out: sending again cannot help.
          requeue(batch);
          stopped.current = problem.status === 409;
          setStatus({ state: 'failed', message: problem.message });
          return false;
        }
        requeue(batch);
        const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** retry.current.attempt);
        retry.current.attempt += 1;
        setStatus({ state: 'retrying', inSeconds: Math.round(delay / 1000) });
        retry.current.timer = setTimeout(() => void send(), delay);
        return false;
      }
    })();
    sending.current = request;
    const ok = await request;
    sending.current = undefined;
    // Typed while the request was out: sent after the pause, as any typing.
    if (ok && pending.current.size > 0)
      debounce.current = setTimeout(() => void send(), DEBOUNCE_MS);
    return ok;
  }, [id]);

  /** Records a change: a choice is sent at once, typing after a pause. */
  const change = useCallback(
    (item: string, value: AnswerValue | null, immediate: boolean) => {
      if (!enabled) return;
      setAnswers((current) => {
        const next = { ...current };
        if (value === null) delete next[item];
        else next[item] = value;
        return next;
      });
      pending.current.set(item, value);
      clearTimeout(debounce.current);
      if (immediate) void send();
      else debounce.current = setTimeout(() => void send(), DEBOUNCE_MS);
    },
    [enabled, send],
  );

  /** Everything queued sent now (before a submission); true once all of it is on the server. */
  const flush = useCallback(async () => {
    while (pending.current.size > 0 || sending.current) if (!(await send())) return false;
    return true;
  }, [send]);

  // Leaving: what is queued goes in a keepalive request, which outlives the page.
  useEffect(() => {
    const leave = () => {
      if (pending.current.size === 0 || stopped.current) return;
      clearTimeout(debounce.current);
      const batch: Batch = new Map(pending.current);
      pending.current.clear();
      fetch(`/api/v1/assessments/${id}`, {
        method: 'PATCH',
        keepalive: true,
        headers: { 'Content-Type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ answers: Object.fromEntries(batch) }),
      })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          setStatus({ state: 'saved', at: new Date() });
        })
        .catch(() => {
          // Still here (the tab was only hidden): the ordinary path retries.
          requeue(batch);
          void send();
        });
    };
    const hidden = () => document.visibilityState === 'hidden' && leave();
    const retrying = retry.current;
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leave);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leave);
      clearTimeout(retrying.timer);
      // Another screen of the console: the queue leaves as on closing.
      leave();
    };
  }, [id, send]);

  return { answers, change, status, refused, flush, retryNow: () => void send() };
}
