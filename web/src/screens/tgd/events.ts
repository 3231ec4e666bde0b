import { useEffect } from 'react';

import { openEventStream } from '../../feed/event-stream';

/**
 * Sent on the window when a request is filed or decided, here or on any console of the
 * jurisdiction (heard from the service's live feed): what shows requests reads them again.
 */
export const REQUESTS_CHANGED_EVENT = 'tgd:requests-changed';

export function announceRequestsChanged(): void {
  window.dispatchEvent(new Event(REQUESTS_CHANGED_EVENT));
}

/** Calls `onChange` whenever requests change (see REQUESTS_CHANGED_EVENT). */
export function useRequestsChanged(onChange: () => void): void {
  useEffect(() => {
    window.addEventListener(REQUESTS_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(REQUESTS_CHANGED_EVENT, onChange);
  }, [onChange]);
}

/**
 * Follows the service's live feed of TGD requests (`/api/v1/tgd-requests/stream`) while `enabled`:
 * every request filed or decided in the user's jurisdictions, on whichever instance, is announced
 * at once, and so is every reconnection (what happened while the link was down is read again).
 * The browser never polls.
 */
export function useRequestFeed(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    return openEventStream('/api/v1/tgd-requests/stream', {
      onMessages: announceRequestsChanged,
      onStatus: (status) => {
        if (status === 'connected') announceRequestsChanged();
      },
    });
  }, [enabled]);
}
