import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInterval } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { PageNumbers } from '../../components/PageNumbers';
import { ProblemAlert } from '../../components/problems';
import { usePage } from '../../components/usePage';
import { clockTime } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { useSession } from '../../session/session';
import { elapsed } from '../board/format';

type TechnicalAlert = Schemas['TechnicalAlertDto'];
const RESOLUTIONS = [
  'called_victim',
  'battery_charged',
  'device_swapped',
  'device_repaired',
  'no_fault_found',
  'other',
] as const;
const PAGE_SIZE = 50;
/** Technical alerts are not on the live feed: the queue is read again this often. */
const REFRESH_MS = 30_000;

function ResolveModal({
  alert,
  onClose,
}: {
  alert?: TechnicalAlert;
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const form = useForm({
    initialValues: { resolution: '', note: '' },
    validate: { resolution: (value) => (value ? null : t('technical.resolutionRequired')) },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={Boolean(alert)}
      onClose={() => onClose(false)}
      title={t('technical.resolve')}
    >
      <form
        onSubmit={form.onSubmit(async ({ resolution, note }) => {
          if (!alert) return;
          try {
            await unwrap(
              api.POST('/api/v1/technical-alerts/{id}/resolve', {
                params: { path: { id: alert.id } },
                body: {
                  resolution: resolution as (typeof RESOLUTIONS)[number],
                  note: note || undefined,
                },
              }),
            );
            form.reset();
            onClose(true);
          } catch (error) {
            setFailure((error as Error).message);
          }
        })}
      >
        <Stack>
          <Select
            label={t('technical.resolution')}
            required
            data={RESOLUTIONS.map((value) => ({
              value,
              label: t(`technical.resolutions.${value}`),
            }))}
            {...form.getInputProps('resolution')}
          />
          <Textarea label={t('technical.note')} maxLength={2000} {...form.getInputProps('note')} />
          <ProblemAlert problem={failure} />
          <Button type="submit">{t('technical.resolve')}</Button>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The technical queue, apart from the distress board: silent devices, batteries, power, tests.
 * Operators and coordinators acknowledge and resolve; a faulty device is swapped on its allocation.
 */
export default function TechnicalQueuePage() {
  const { t, i18n } = useTranslation();
  const { has } = useSession();
  usePageTitle(t('technical.title'));
  const [pageNumber, setPageNumber] = useState(1);
  const [resolving, setResolving] = useState<TechnicalAlert>();
  const [failure, setFailure] = useState<string>();
  const [now, setNow] = useState(Date.now());
  const {
    page,
    failure: loadFailure,
    reload,
  } = usePage(
    () =>
      unwrap(
        api.GET('/api/v1/technical-alerts', {
          params: { query: { page: pageNumber, pageSize: PAGE_SIZE } },
        }),
      ),
    String(pageNumber),
  );
  useInterval(
    () => {
      setNow(Date.now());
      reload();
    },
    REFRESH_MS,
    { autoInvoke: true },
  );
  const handles = has('operator') || has('coordinator');

  const acknowledge = async (alert: TechnicalAlert) => {
    setFailure(undefined);
    try {
      await unwrap(
        api.POST('/api/v1/technical-alerts/{id}/ack', { params: { path: { id: alert.id } } }),
      );
      reload();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  return (
    <Stack>
      <Title order={2}>{t('technical.title')}</Title>
      <Text size="sm">{t('technical.apart')}</Text>
      {(failure || loadFailure) && (
        <Alert color="red" role="alert">
          {failure ?? loadFailure}
        </Alert>
      )}
      <Table striped>
        <Table.Caption>{t('technical.count', { count: page?.total ?? 0 })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('technical.kind')}</Table.Th>
            <Table.Th scope="col">{t('technical.opened')}</Table.Th>
            <Table.Th scope="col">{t('technical.status')}</Table.Th>
            <Table.Th scope="col">{t('technical.escalation')}</Table.Th>
            <Table.Th scope="col">{t('board.jurisdiction')}</Table.Th>
            <Table.Th scope="col">{t('technical.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(page?.items ?? []).map((alert) => (
            <Table.Tr
              key={alert.id}
              data-testid="technical-row"
              data-kind={alert.kind}
              data-status={alert.status}
            >
              <Table.Td>
                <Text fw={600}>{t(`technical.kinds.${alert.kind}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{clockTime(alert.openedAt, i18n.language)}</Text>
                {alert.status !== 'resolved' && (
                  <Text size="sm">
                    {t('board.since', { elapsed: elapsed(alert.openedAt, now) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge
                  color={alert.status === 'open' ? 'orange' : 'gray'}
                  variant={alert.status === 'resolved' ? 'outline' : 'filled'}
                >
                  {t(`technical.statuses.${alert.status}`)}
                </Badge>
                {alert.resolution && (
                  <Text size="sm">{t(`technical.resolutions.${alert.resolution}`)}</Text>
                )}
              </Table.Td>
              <Table.Td>{alert.escalationLevel > 0 ? alert.escalationLevel : '—'}</Table.Td>
              <Table.Td>{alert.jurisdiction}</Table.Td>
              <Table.Td>
                {handles && alert.status !== 'resolved' && (
                  <Group gap="xs">
                    {alert.status === 'open' && (
                      <Button size="xs" variant="outline" onClick={() => void acknowledge(alert)}>
                        {t('technical.acknowledge')}
                      </Button>
                    )}
                    <Button size="xs" onClick={() => setResolving(alert)}>
                      {t('technical.resolve')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PageNumbers page={page} value={pageNumber} onChange={setPageNumber} />
      <ResolveModal
        alert={resolving}
        onClose={(done) => {
          setResolving(undefined);
          if (done) reload();
        }}
      />
    </Stack>
  );
}
