import {
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { PageNumbers } from '../../components/PageNumbers';
import { ProblemAlert } from '../../components/problems';
import { usePage } from '../../components/usePage';
import { usePageTitle } from '../../layout/usePageTitle';

type Device = Schemas['DeviceWithHistoryDto'];
const STATUSES = ['available', 'assigned', 'maintenance', 'lost', 'retired'] as const;
const MANUAL = ['available', 'maintenance', 'lost', 'retired'] as const;
const PAGE_SIZE = 20;

function Stock() {
  const { t } = useTranslation();
  const [stock, setStock] = useState<Schemas['DeviceStockDto'][]>();
  useEffect(() => {
    unwrap(api.GET('/api/v1/devices/stock'))
      .then(setStock)
      .catch(() => setStock([]));
  }, []);
  return (
    <SimpleGrid
      cols={{ base: 1, sm: 2, lg: 4 }}
      component="section"
      aria-label={t('devices.stock')}
    >
      {(stock ?? []).map((court) => (
        <Card withBorder key={court.jurisdiction}>
          <Title order={3} size="h4">
            {t('devices.court', { jurisdiction: court.jurisdiction })}
          </Title>
          <Text component="dl" size="sm">
            {STATUSES.map((status) => (
              <Group key={status} justify="space-between">
                <dt>{t(`devices.status.${status}`)}</dt>
                <dd>{court.counts[status] ?? 0}</dd>
              </Group>
            ))}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function DeviceDrawer({
  id,
  onClose,
  onChanged,
}: {
  id?: string;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const [device, setDevice] = useState<Device>();
  const [failure, setFailure] = useState<string>();
  const form = useForm({ initialValues: { status: '', note: '' } });
  useEffect(() => {
    setDevice(undefined);
    if (id) unwrap(api.GET('/api/v1/devices/{id}', { params: { path: { id } } })).then(setDevice);
  }, [id]);
  const when = (at: string | null) => (at ? new Date(at).toLocaleString(i18n.language) : '—');
  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size="lg"
      title={device?.serialNumber ?? t('common.loading')}
    >
      {device && (
        <Stack>
          <Text>
            {device.model} · {device.phoneNumber} · IMEI {device.imei}
          </Text>
          <Badge>{t(`devices.status.${device.status}`)}</Badge>
          {device.status !== 'assigned' && (
            <form
              onSubmit={form.onSubmit(async ({ status, note }) => {
                setFailure(undefined);
                try {
                  await unwrap(
                    api.POST('/api/v1/devices/{id}/status', {
                      params: { path: { id: device.id } },
                      body: { status: status as (typeof MANUAL)[number], note: note || undefined },
                    }),
                  );
                  onChanged();
                  onClose();
                } catch (error) {
                  setFailure((error as Error).message);
                }
              })}
            >
              <Stack gap="xs">
                <Select
                  label={t('devices.newStatus')}
                  required
                  data={MANUAL.filter((s) => s !== device.status).map((value) => ({
                    value,
                    label: t(`devices.status.${value}`),
                  }))}
                  {...form.getInputProps('status')}
                />
                <Textarea
                  label={t('devices.note')}
                  maxLength={1000}
                  {...form.getInputProps('note')}
                />
                <ProblemAlert problem={failure} />
                <Group>
                  <Button type="submit">{t('devices.change')}</Button>
                </Group>
              </Stack>
            </form>
          )}
          <Title order={3} size="h4">
            {t('devices.history')}
          </Title>
          {device.assignments.length === 0 ? (
            <Text>{t('devices.noHistory')}</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('devices.assignedAt')}</Table.Th>
                  <Table.Th scope="col">{t('devices.returnedAt')}</Table.Th>
                  <Table.Th scope="col">{t('devices.returnReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {device.assignments.map((assignment) => (
                  <Table.Tr key={assignment.id}>
                    <Table.Td>{when(assignment.assignedAt)}</Table.Td>
                    <Table.Td>{when(assignment.returnedAt)}</Table.Td>
                    <Table.Td>
                      {[assignment.returnReason, assignment.returnCondition]
                        .filter(Boolean)
                        .join(', ') || '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

/** The device inventory: stock per court, every device with its status and history. */
export default function DevicesPage() {
  const { t } = useTranslation();
  usePageTitle(t('devices.title'));
  const [status, setStatus] = useState<string | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [selected, setSelected] = useState<string>();
  const { page, failure, reload } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/devices', {
          params: {
            query: {
              page: pageNumber,
              pageSize: PAGE_SIZE,
              ...(status ? { status: status as Device['status'] } : {}),
            },
          },
        }),
      ),
    `${status}:${pageNumber}`,
  );
  return (
    <Stack>
      <Title order={2}>{t('devices.title')}</Title>
      <Stock />
      <Select
        label={t('devices.filter')}
        clearable
        maw={240}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPageNumber(1);
        }}
        data={STATUSES.map((value) => ({ value, label: t(`devices.status.${value}`) }))}
      />
      <ProblemAlert problem={failure} />
      <Table striped highlightOnHover>
        <Table.Caption>{t('devices.count', { count: page?.total ?? 0 })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('devices.serial')}</Table.Th>
            <Table.Th scope="col">{t('devices.model')}</Table.Th>
            <Table.Th scope="col">{t('devices.court', { jurisdiction: '' })}</Table.Th>
            <Table.Th scope="col">{t('devices.statusLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(page?.items ?? []).map((device) => (
            <Table.Tr key={device.id}>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => setSelected(device.id)}>
                  {device.serialNumber}
                </Button>
              </Table.Td>
              <Table.Td>{device.model}</Table.Td>
              <Table.Td>{device.jurisdiction}</Table.Td>
              <Table.Td>{t(`devices.status.${device.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
      <DeviceDrawer id={selected} onClose={() => setSelected(undefined)} onChanged={reload} />
    </Stack>
  );
}
