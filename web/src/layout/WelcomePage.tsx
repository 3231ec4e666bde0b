import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from './usePageTitle';

/** Where a user lands whose roles open no screen of the console. */
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
