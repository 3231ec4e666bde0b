import { useCallback, useEffect, useState } from 'react';

import { api, unwrap } from '../../api/client';
import { useRequestsChanged } from './events';

/**
 * TGD requests of the prosecutor's jurisdictions awaiting a decision (undefined until known, or when
 * not `enabled`), read once and again whenever requests change: the live feed (`useRequestFeed`)
 * announces a request filed or decided anywhere, so the count rises without a reload or polling.
 */
export function usePendingRequestCount(enabled: boolean): number | undefined {
  const [count, setCount] = useState<number>();
  const read = useCallback(() => {
    if (!enabled) return;
    unwrap(
      api.GET('/api/v1/tgd-requests', {
        params: { query: { status: 'pending', page: 1, pageSize: 1 } },
      }),
    )
      .then((page) => setCount(page.total))
      .catch(() => undefined);
  }, [enabled]);
  useEffect(() => {
    if (enabled) read();
    else setCount(undefined);
  }, [enabled, read]);
  useRequestsChanged(read);
  return count;
}
