import { Alert, Center, Loader } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';

import { useSession } from '../../session/session';

/** Where the OIDC provider sends the browser back with the authorisation code. */
export function OidcCallback() {
  const { t } = useTranslation();
  const { completeOidc } = useSession();
  const [state, setState] = useState<'pending' | 'done' | string>('pending');
  const started = useRef(false);
  useEffect(() => {
    // The code can be exchanged once only, even when React runs effects twice.
    if (started.current) return;
    started.current = true;
    completeOidc()
      .then(() => setState('done'))
      .catch((error: Error) => setState(error.message));
  }, [completeOidc]);
  if (state === 'done') return <Navigate to="/" replace />;
  if (state === 'pending')
    return (
      <Center h="50vh" component="main">
        <Loader aria-label={t('signIn.completing')} role="status" />
      </Center>
    );
  return (
    <Center h="50vh" component="main">
      <Alert color="red" role="alert" title={t('signIn.failed')}>
        {state} <a href="/signin">{t('signIn.retry')}</a>
      </Alert>
    </Center>
  );
}
