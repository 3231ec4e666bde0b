import {
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { FormModal } from '../../components/FormModal';
import { useDates } from '../../layout/format';

export type Place = Schemas['PlaceDto'];
export type HousingRequest = Schemas['HousingRequestDto'];
export type Statistics = Schemas['HousingStatisticsDto'];

export const STATUS_COLORS: Record<HousingRequest['status'], string> = {
  waiting: 'orange',
  allocated: 'green',
  released: 'navy',
  cancelled: 'gray',
};

/** Today as `YYYY-MM-DD`, in the browser's day. */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function RequestStatus({ request }: { request: HousingRequest }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[request.status]} variant="filled">
      {t(`housing.status.${request.status}`)}
    </Badge>
  );
}

/** Who, how many, when: a request as the housing partner needs it. */
export function Household({ request }: { request: HousingRequest }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {t('housing.household', {
        name: request.firstName ?? t('housing.noFirstName'),
        count: request.children,
      })}
    </Text>
  );
}

/** The requests of a list: who, dates, urgency, state, the coordinator's contact, and actions. */
export function RequestsTable({
  requests,
  caption,
  showCase = false,
  actions,
}: {
  requests: HousingRequest[];
  caption: string;
  showCase?: boolean;
  actions?: (request: HousingRequest) => ReactNode;
}) {
  const { t } = useTranslation();
  const { day, longDay } = useDates();
  if (requests.length === 0) return <Text>{t('housing.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {showCase && <Table.Th>{t('housing.case')}</Table.Th>}
            <Table.Th>{t('housing.who')}</Table.Th>
            <Table.Th>{t('housing.urgency')}</Table.Th>
            <Table.Th>{t('housing.dates')}</Table.Th>
            <Table.Th>{t('housing.state')}</Table.Th>
            <Table.Th>{t('housing.contact')}</Table.Th>
            {actions && <Table.Th>{t('housing.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((r) => (
            <Table.Tr key={r.id} data-testid="housing-request" data-status={r.status}>
              {showCase && (
                <Table.Td>
                  <CaseReference reference={r.caseReference} />
                </Table.Td>
              )}
              <Table.Td>
                <Household request={r} />
                {r.note && <Text size="sm">{r.note}</Text>}
              </Table.Td>
              <Table.Td>{t(`housing.urgencies.${r.urgency}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('housing.wanted', { from: day(r.wantedFrom), count: r.nights })}
                </Text>
                {r.stayFrom && r.status === 'allocated' && (
                  <Text size="sm">
                    {t('housing.stay', { from: day(r.stayFrom), until: day(r.stayUntil) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <RequestStatus request={r} />
                  {r.place && <Text size="sm">{r.place.name}</Text>}
                  {r.place?.address && <Text size="sm">{r.place.address}</Text>}
                  {r.nightsUsed !== null && (
                    <Text size="sm" data-testid="nights-used">
                      {t('housing.nightsUsed', { count: r.nightsUsed })}
                    </Text>
                  )}
                  {r.status === 'waiting' && (
                    <Text size="sm">{t('housing.since', { when: longDay(r.requestedAt) })}</Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.coordinatorName ?? r.coordinatorId}</Text>
                {r.coordinatorPhone && <Text size="sm">{r.coordinatorPhone}</Text>}
                {r.coordinatorEmail && <Text size="sm">{r.coordinatorEmail}</Text>}
              </Table.Td>
              {actions && (
                <Table.Td>
                  <Group gap="xs">{actions(r)}</Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The partner houses a waiting request on one of its open places. */
export function AllocateModal({
  request,
  places,
  onClose,
}: {
  request?: HousingRequest;
  places: Place[];
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { placeId: '', from: '', nights: '' as number | string },
    validate: { placeId: (v) => (v ? null : t('fieldErrors.required')) },
  });
  return (
    <FormModal
      opened={!!request}
      title={t('housing.allocateTitle')}
      form={form}
      confirm={t('housing.allocate')}
      problemTestId="allocate-problem"
      onClose={onClose}
      submit={({ placeId, from, nights }) =>
        unwrap(
          api.POST('/api/v1/housing-requests/{id}/allocation', {
            params: { path: { id: request!.id } },
            body: {
              placeId,
              from: from || undefined,
              nights: nights === '' ? undefined : Number(nights),
            },
          }),
        )
      }
    >
      {request && <Household request={request} />}
      <Select
        label={t('housing.place')}
        required
        data-autofocus
        data={places
          .filter((p) => p.active)
          .map((p) => ({
            value: p.id,
            label: t('housing.placeOption', {
              name: p.name,
              used: p.occupiedNow,
              capacity: p.capacity,
              unit: t(`housing.units.${p.capacityUnit}`),
            }),
          }))}
        {...form.getInputProps('placeId')}
      />
      <TextInput
        type="date"
        label={t('housing.stayFrom')}
        description={t('housing.stayFromHint')}
        {...form.getInputProps('from')}
      />
      <NumberInput
        label={t('housing.nights')}
        description={t('housing.nightsHint')}
        min={1}
        max={365}
        {...form.getInputProps('nights')}
      />
    </FormModal>
  );
}

/** The partner releases a place: the morning she left, today by default. */
export function ReleaseModal({
  request,
  onClose,
}: {
  request?: HousingRequest;
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { on: '' } });
  return (
    <FormModal
      opened={!!request}
      title={t('housing.releaseTitle')}
      form={form}
      confirm={t('housing.release')}
      onClose={onClose}
      submit={({ on }) =>
        unwrap(
          api.POST('/api/v1/housing-requests/{id}/release', {
            params: { path: { id: request!.id } },
            body: { on: on || undefined },
          }),
        )
      }
    >
      {request && <Household request={request} />}
      <TextInput
        type="date"
        label={t('housing.releasedOn')}
        description={t('housing.releasedOnHint')}
        max={today()}
        data-autofocus
        {...form.getInputProps('on')}
      />
    </FormModal>
  );
}

const KINDS = ['emergency_flat', 'hotel_agreement', 'shelter'] as const;
const UNITS = ['rooms', 'beds'] as const;

/** Adds a place (admin: names the partner) or changes one. */
export function PlaceModal({
  opened,
  place,
  askPartner,
  jurisdictions,
  onClose,
}: {
  opened: boolean;
  place?: Place;
  askPartner: boolean;
  jurisdictions: string[];
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      partnerId: '',
      jurisdiction: place?.jurisdiction ?? jurisdictions[0] ?? '',
      kind: place?.kind ?? 'emergency_flat',
      name: place?.name ?? '',
      municipality: place?.municipality ?? '',
      capacity: (place?.capacity ?? 1) as number | string,
      capacityUnit: place?.capacityUnit ?? 'rooms',
      nightsPerYear: (place?.nightsPerYear ?? '') as number | string,
      address: place?.address ?? '',
      active: place?.active ?? true,
    },
  });
  const [key] = useState(place?.id ?? 'new');
  return (
    <FormModal
      key={key}
      opened={opened}
      title={place ? t('housing.editPlace') : t('housing.addPlace')}
      form={form}
      confirm={t('housing.save')}
      problemTestId="place-problem"
      onClose={onClose}
      submit={async (v) => {
        const common = {
          name: v.name.trim(),
          municipality: v.municipality.trim(),
          capacity: Number(v.capacity),
          capacityUnit: v.capacityUnit,
          nightsPerYear: v.nightsPerYear === '' ? null : Number(v.nightsPerYear),
          address: v.address.trim() || null,
          active: v.active,
        };
        if (place)
          await unwrap(
            api.PATCH('/api/v1/housing/places/{id}', {
              params: { path: { id: place.id } },
              body: common,
            }),
          );
        else
          await unwrap(
            api.POST('/api/v1/housing/places', {
              body: {
                ...common,
                partnerId: askPartner ? v.partnerId.trim() : undefined,
                jurisdiction: v.jurisdiction.trim(),
                kind: v.kind,
              },
            }),
          );
      }}
    >
      {!place && askPartner && (
        <TextInput
          label={t('housing.partnerId')}
          description={t('housing.partnerIdHint')}
          required
          data-autofocus
          {...form.getInputProps('partnerId')}
        />
      )}
      {!place && (
        <>
          <TextInput
            label={t('housing.jurisdiction')}
            required
            {...form.getInputProps('jurisdiction')}
          />
          <Select
            label={t('housing.kind')}
            required
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`housing.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
        </>
      )}
      <TextInput
        label={t('housing.name')}
        description={t('housing.nameHint')}
        required
        {...form.getInputProps('name')}
      />
      <TextInput
        label={t('housing.municipality')}
        required
        {...form.getInputProps('municipality')}
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t('housing.capacity')}
          required
          min={1}
          max={500}
          {...form.getInputProps('capacity')}
        />
        <Select
          label={t('housing.unit')}
          allowDeselect={false}
          data={UNITS.map((u) => ({ value: u, label: t(`housing.units.${u}`) }))}
          {...form.getInputProps('capacityUnit')}
        />
      </Group>
      <NumberInput
        label={t('housing.nightsPerYear')}
        description={t('housing.nightsPerYearHint')}
        min={1}
        max={366}
        {...form.getInputProps('nightsPerYear')}
      />
      <Textarea
        label={t('housing.address')}
        description={t('housing.addressHint')}
        autosize
        minRows={2}
        maxLength={300}
        {...form.getInputProps('address')}
      />
      <Switch label={t('housing.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
    </FormModal>
  );
}

/** The places: occupancy tonight, nights this year, the address for those who may see it. */
export function PlacesTable({
  places,
  onEdit,
}: {
  places: Place[];
  onEdit?: (place: Place) => void;
}) {
  const { t } = useTranslation();
  if (places.length === 0) return <Text>{t('housing.noPlaces')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Caption>{t('housing.placesCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('housing.name')}</Table.Th>
            <Table.Th>{t('housing.kind')}</Table.Th>
            <Table.Th>{t('housing.occupancy')}</Table.Th>
            <Table.Th>{t('housing.nightsThisYear')}</Table.Th>
            <Table.Th>{t('housing.address')}</Table.Th>
            {onEdit && <Table.Th>{t('housing.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {places.map((p) => (
            <Table.Tr key={p.id} data-testid="housing-place">
              <Table.Td>
                <Text size="sm">{p.name}</Text>
                <Text size="sm">{p.municipality}</Text>
                {!p.active && <Badge color="gray">{t('housing.closed')}</Badge>}
              </Table.Td>
              <Table.Td>{t(`housing.kinds.${p.kind}`)}</Table.Td>
              <Table.Td data-testid="occupancy">
                {t('housing.occupied', {
                  used: p.occupiedNow,
                  capacity: p.capacity,
                  unit: t(`housing.units.${p.capacityUnit}`),
                })}
              </Table.Td>
              <Table.Td>
                {p.nightsPerYear
                  ? t('housing.nightsOf', { count: p.nightsThisYear, of: p.nightsPerYear })
                  : p.nightsThisYear}
              </Table.Td>
              <Table.Td>{p.address ?? '—'}</Table.Td>
              {onEdit && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => onEdit(p)}
                    aria-label={t('housing.editNamed', { name: p.name })}
                  >
                    {t('housing.edit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Nights used per place and month. */
export function StatisticsTable({ statistics }: { statistics: Statistics }) {
  const { t, i18n } = useTranslation();
  const monthName = (month: string) =>
    new Date(`${month}-15T12:00:00`).toLocaleDateString(i18n.language, {
      month: 'short',
      year: 'numeric',
    });
  return (
    <Stack gap="xs">
      <Text>{t('housing.waitingNow', { count: statistics.waiting })}</Text>
      {statistics.places.length === 0 ? (
        <Text>{t('housing.noPlaces')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table striped data-testid="housing-statistics">
            <Table.Caption>{t('housing.statisticsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('housing.name')}</Table.Th>
                {statistics.months.map((m) => (
                  <Table.Th key={m}>{monthName(m)}</Table.Th>
                ))}
                <Table.Th>{t('housing.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statistics.places.map((p) => (
                <Table.Tr key={p.placeId}>
                  <Table.Th scope="row">{p.name}</Table.Th>
                  {p.months.map((m) => (
                    <Table.Td key={m.month}>{m.nights}</Table.Td>
                  ))}
                  <Table.Td>{p.total}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The last three months, as the statistics' query wants them. */
export function lastMonths(count = 3): { from: string; to: string } {
  const now = new Date();
  const month = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  return {
    from: month(new Date(now.getFullYear(), now.getMonth() - (count - 1), 1)),
    to: month(now),
  };
}
