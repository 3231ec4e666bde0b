import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from './usePageTitle';

/** Roles whose screens are not yet in the console (coordinators, prosecutors) land here. */
export function WelcomePage() {
  const { t } = useTranslation();
  usePageTitle(t('welcome.title'));
  return (
    <Stack maw={640}>
      <Title order={2}>{t('welcome.title')}</Title>
      <Alert variant="light" title={t('welcome.notYet')}>
        {t('welcome.useApi')} <a href="/docs">/docs</a>
      </Alert>
    </Stack>
  );
}
