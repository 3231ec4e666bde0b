import { useEffect } from 'react';

import { openEventStream } from '../../feed/event-stream';

/**
 * Sent on the window when a request is filed or decided, here or on any console of the
 * jurisdiction (heard from the service's live feed), with the request's case when known: what
 * shows requests reads them again.
 */
const REQUESTS_CHANGED_EVENT = 'tgd:requests-changed';

interface RequestsChanged {
  /** The case whose request changed; absent when anything may have (a reconnection). */
  caseId?: string;
}

export function announceRequestsChanged(caseId?: string): void {
  window.dispatchEvent(
    new CustomEvent<RequestsChanged>(REQUESTS_CHANGED_EVENT, { detail: { caseId } }),
  );
}

/**
 * Calls `onChange` whenever requests change (see REQUESTS_CHANGED_EVENT); with `caseId`, only when
 * that case's requests may have.
 */
export function useRequestsChanged(onChange: () => void, caseId?: string): void {
  useEffect(() => {
    const heard = (event: Event) => {
      const changed = (event as CustomEvent<RequestsChanged>).detail?.caseId;
      if (!caseId || !changed || changed === caseId) onChange();
    };
    window.addEventListener(REQUESTS_CHANGED_EVENT, heard);
    return () => window.removeEventListener(REQUESTS_CHANGED_EVENT, heard);
  }, [onChange, caseId]);
}

/**
 * Follows the service's live feed of TGD requests (`/api/v1/tgd-requests/stream`) while `enabled`:
 * every request filed or decided in the user's jurisdictions, on whichever instance, is announced
 * at once with its case, and so is every reconnection after the first connection (what happened
 * while the link was down is read again). The browser never polls.
 */
export function useRequestFeed(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    return openEventStream('/api/v1/tgd-requests/stream', {
      onMessages: (messages) => {
        for (const message of messages)
          announceRequestsChanged((message.data as RequestsChanged | undefined)?.caseId);
      },
      onStatus: (status, connection) => {
        if (status === 'connected' && connection > 1) announceRequestsChanged();
      },
    });
  }, [enabled]);
}
