import { useCallback, useEffect, useRef, useState } from 'react';

import { api, unwrap } from '../../api/client';
import { useRequestsChanged } from './events';

/**
 * TGD requests of the prosecutor's jurisdictions awaiting a decision (undefined until known, or when
 * not `enabled`), read once and again whenever requests change: the live feed (`useRequestFeed`)
 * announces a request filed or decided anywhere, so the count moves without a reload or polling.
 * A count only, so no request is read (nor audited as read). Only the latest read counts: an older answer arriving late never overwrites a newer one.
 */
export function usePendingRequestCount(enabled: boolean): number | undefined {
  const [count, setCount] = useState<number>();
  const latest = useRef(0);
  const read = useCallback(() => {
    const round = ++latest.current;
    if (!enabled) return;
    unwrap(api.GET('/api/v1/tgd-requests/count', { params: { query: { status: 'pending' } } }))
      .then(({ total }) => {
        if (round === latest.current) setCount(total);
      })
      .catch(() => undefined);
  }, [enabled]);
  useEffect(() => {
    read();
    if (!enabled) setCount(undefined);
  }, [enabled, read]);
  useRequestsChanged(read);
  return count;
}
