import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { useRead } from '../../components/usePage';

type Partner = Schemas['PartnerDto'];
export type PartnerKind = Partner['kind'];
export type PartnerService = Partner['services'][number];

/** The directory's kinds of partner, in the order the console offers them. */
export const PARTNER_KINDS: PartnerKind[] = [
  'police',
  'gendarmerie',
  'prosecutor_office',
  'social_services',
  'cpas',
  'victim_support',
  'housing',
  'health',
  'psychologist',
  'children_service',
  'authors_programme',
  'legal_advice',
  'municipality',
  'education',
  'other',
];

/** The services a partner offers and a case can be referred for. */
export const PARTNER_SERVICES: PartnerService[] = [
  'legal_advice',
  'psychological_care',
  'emergency_housing',
  'children_follow_up',
  'children_workshop',
  'authors_programme',
  'social_support',
  'health_care',
  'police_liaison',
  'other',
];

/** A page of the directory is enough to choose from once the words typed narrow it. */
const CHOICES = 50;

/**
 * Chooses a partner of the networks covering `jurisdiction` (offering `service` when given) by its
 * name: the words typed search the directory (names, referents, places), so a network of any size
 * can be chosen from; the value is the partner's directory id, which is what the API stores.
 */
export function PartnerSelect({
  jurisdiction,
  service,
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'onChange' | 'value'> & {
  jurisdiction: string;
  service?: PartnerService;
  value?: string | null;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [words] = useDebouncedValue(search, 250);
  const chosen = usePartner(value ?? undefined);
  const labelOf = (p: Partner) => `${p.name} (${t(`network.kinds.${p.kind}`)})`;
  // While the chosen partner is shown in the box, it is not a search.
  const query = chosen && words === labelOf(chosen) ? '' : words.trim();
  const { data: found } = useRead(
    () =>
      unwrap(
        api.GET('/api/v1/partners', {
          params: {
            query: {
              jurisdiction,
              ...(service ? { service } : {}),
              ...(query ? { q: query } : {}),
              page: 1,
              pageSize: CHOICES,
            },
          },
        }),
      ).then((page) => page.items),
    `${jurisdiction}:${service ?? ''}:${query}`,
  );
  const options = (found ?? []).map((p) => ({ value: p.id, label: labelOf(p) }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen ? labelOf(chosen) : value });
  return (
    <Select
      {...props}
      searchable
      // The directory already searched: the box shows what it answered, referents' matches included.
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('network.none')}
      data={options}
      value={value || null}
      onChange={(chosen) => onChange(chosen ?? '')}
    />
  );
}

/** Partners already read, kept for the page's life: a directory changes rarely. */
const known = new Map<string, Promise<Partner | undefined>>();

/** A partner from its directory id (undefined while it is read, or if it cannot be). */
export function usePartner(id?: string): Partner | undefined {
  const [partner, setPartner] = useState<Partner>();
  useEffect(() => {
    setPartner(undefined);
    if (!id) return;
    let current = true;
    let read = known.get(id);
    if (!read) {
      read = unwrap(api.GET('/api/v1/partners/{id}', { params: { path: { id } } })).catch(() => {
        known.delete(id); // asked again next time: the failure may pass
        return undefined;
      });
      known.set(id, read);
    }
    void read.then((found) => current && setPartner(found));
    return () => {
      current = false;
    };
  }, [id]);
  return partner;
}

/** A partner named as people know it; its directory id until the name is read, or if unknown. */
export function PartnerName({ id }: { id: string }) {
  return <>{usePartner(id)?.name ?? id}</>;
}
