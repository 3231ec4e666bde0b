import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Page } from './usePage';

/** Page numbers under a list, when it holds more than one page; labelled for screen readers. */
export function PageNumbers<T>({
  page,
  value,
  onChange,
}: {
  page?: Page<T>;
  value: number;
  onChange(page: number): void;
}) {
  const { t } = useTranslation();
  if (!page || page.total <= page.pageSize) return null;
  return (
    <Pagination
      total={Math.ceil(page.total / page.pageSize)}
      value={value}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
    />
  );
}
