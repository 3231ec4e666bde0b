import { useEffect, useState } from 'react';

import { api, unwrap } from '../../api/client';
import { REQUESTS_CHANGED_EVENT } from './events';

/** Read again this often at most; sooner when the window regains focus or a request changes. */
const REFRESH_MS = 30_000;

/**
 * TGD requests of the prosecutor's jurisdictions awaiting a decision (undefined until known, or when
 * not `enabled`), kept fresh without a reload: every 30 s, when the tab is shown again or the window
 * regains focus, and at once after a request is filed or decided in this console.
 */
export function usePendingRequestCount(enabled: boolean): number | undefined {
  const [count, setCount] = useState<number>();
  useEffect(() => {
    if (!enabled) {
      setCount(undefined);
      return;
    }
    let current = true;
    const read = () => {
      unwrap(
        api.GET('/api/v1/tgd-requests', {
          params: { query: { status: 'pending', page: 1, pageSize: 1 } },
        }),
      )
        .then((page) => current && setCount(page.total))
        .catch(() => undefined);
    };
    const whenShown = () => {
      if (document.visibilityState === 'visible') read();
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    window.addEventListener('focus', read);
    window.addEventListener(REQUESTS_CHANGED_EVENT, read);
    document.addEventListener('visibilitychange', whenShown);
    return () => {
      current = false;
      clearInterval(timer);
      window.removeEventListener('focus', read);
      window.removeEventListener(REQUESTS_CHANGED_EVENT, read);
      document.removeEventListener('visibilitychange', whenShown);
    };
  }, [enabled]);
  return count;
}
