import { useCallback, useEffect, useRef, useState } from 'react';

import { useProblemText } from './problems';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * What `read` answers, read again whenever `key` changes; `reload` asks again. A failure is said in
 * the user's words (see useProblemText).
 */
export function useRead<T>(read: () => Promise<T>, key: string) {
  const problemText = useProblemText();
  const [data, setData] = useState<T>();
  const [failure, setFailure] = useState<string>();
  const [round, setRound] = useState(0);
  // `read` is rebuilt every render: `key` says when what it reads changes.
  const reader = useRef(read);
  reader.current = read;
  const explain = useRef(problemText);
  explain.current = problemText;
  useEffect(() => {
    let current = true;
    setFailure(undefined);
    reader
      .current()
      .then((answer) => current && setData(answer))
      .catch((error: unknown) => current && setFailure(explain.current(error)));
    return () => {
      current = false;
    };
  }, [key, round]);
  // Stable, so that it may be handed to listeners and effects.
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, failure, reload };
}

/** A page of a list read over the API (see useRead). */
export function usePage<T>(read: () => Promise<Page<T>>, key: string) {
  const { data, failure, reload } = useRead(read, key);
  return { page: data, failure, reload };
}
