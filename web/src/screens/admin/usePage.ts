import { useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of a list read over the API, read again whenever `key` changes; `reload` asks again. */
export function usePage<T>(read: () => Promise<Page<T>>, key: string) {
  const [page, setPage] = useState<Page<T>>();
  const [failure, setFailure] = useState<string>();
  const [round, setRound] = useState(0);
  // `read` is rebuilt every render: `key` says when what it reads changes.
  const reader = useRef(read);
  reader.current = read;
  useEffect(() => {
    let current = true;
    setFailure(undefined);
    reader
      .current()
      .then((answer) => current && setPage(answer))
      .catch((error: Error) => current && setFailure(error.message));
    return () => {
      current = false;
    };
  }, [key, round]);
  return { page, failure, reload: () => setRound((r) => r + 1) };
}
