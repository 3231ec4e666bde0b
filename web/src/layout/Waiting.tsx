import { Loader, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner announced to assistive technologies as "Chargement…" (a status, not a bare image). */
export function Waiting({ size }: { size?: MantineSize }) {
  const { t } = useTranslation();
  return <Loader size={size} aria-label={t('common.loading')} role="status" />;
}
