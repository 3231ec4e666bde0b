/** Sent on the window when a request is filed or decided: the navigation's count is read again. */
export const REQUESTS_CHANGED_EVENT = 'tgd:requests-changed';

export function announceRequestsChanged(): void {
  window.dispatchEvent(new Event(REQUESTS_CHANGED_EVENT));
}
