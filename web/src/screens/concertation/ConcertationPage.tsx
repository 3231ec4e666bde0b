import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { ProblemAlert, useProblemText } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { ActionTable, KINDS } from './parts';

/** /concertation: the meetings and scheduling for coordinators and admins; a partner's actions. */
export default function ConcertationPage() {
  const { has } = useSession();
  return has('coordinator') || has('admin') ? <Meetings /> : <PartnerActions />;
}

function Meetings() {
  const { t } = useTranslation();
  const { moment } = useDates();
  usePageTitle(t('concertation.title'));
  const meetings = useRead(() => unwrap(api.GET('/api/v1/concertation-meetings')), 'meetings');
  return (
    <Stack>
      <Title order={2}>{t('concertation.title')}</Title>
      <ScheduleForm />
      <Title order={3}>{t('concertation.meetings')}</Title>
      <ProblemAlert problem={meetings.failure} />
      {!meetings.data && !meetings.failure && <Waiting />}
      {meetings.data && meetings.data.length === 0 && <Text>{t('concertation.none')}</Text>}
      {meetings.data && meetings.data.length > 0 && (
        <Table withTableBorder data-testid="meetings">
          <Table.Caption>{t('concertation.meetingsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('concertation.date')}</Table.Th>
              <Table.Th>{t('concertation.network')}</Table.Th>
              <Table.Th>{t('concertation.kind')}</Table.Th>
              <Table.Th>{t('concertation.agendaCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meetings.data.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/concertation/${m.id}`}>
                    {moment(m.scheduledAt)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{m.networkName}</Table.Td>
                <Table.Td>{t(`concertation.kinds.${m.kind}`)}</Table.Td>
                <Table.Td>{m.agendaCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function ScheduleForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const networks = useRead(
    () => unwrap(api.GET('/api/v1/networks', { params: { query: { pageSize: 100 } } })),
    'networks',
  );
  const form = useForm({
    initialValues: { networkId: '', kind: 'concertation_cell', scheduledAt: '' },
    validate: {
      networkId: (v) => (v ? null : t('concertation.required')),
      scheduledAt: (v) => (v ? null : t('concertation.required')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const meeting = await unwrap(
        api.POST('/api/v1/concertation-meetings', {
          body: {
            networkId: values.networkId,
            kind: values.kind as Schemas['CreateMeetingDto']['kind'],
            scheduledAt: new Date(values.scheduledAt).toISOString(),
          },
        }),
      );
      navigate(`/concertation/${meeting.id}`);
    } catch (error) {
      setFailure(problemText(error));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} aria-labelledby="schedule-title">
      <Stack gap="xs">
        <Title order={3} id="schedule-title">
          {t('concertation.schedule')}
        </Title>
        <Group align="flex-end">
          <Select
            label={t('concertation.network')}
            data={(networks.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
            {...form.getInputProps('networkId')}
            w={320}
          />
          <Select
            label={t('concertation.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`concertation.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
            w={320}
          />
          <TextInput
            type="datetime-local"
            label={t('concertation.scheduledAt')}
            {...form.getInputProps('scheduledAt')}
          />
          <Button type="submit" loading={busy}>
            {t('concertation.schedule')}
          </Button>
        </Group>
        <ProblemAlert problem={failure} />
      </Stack>
    </form>
  );
}

function PartnerActions() {
  const { t } = useTranslation();
  usePageTitle(t('concertation.partnerTitle'));
  const actions = useRead(() => unwrap(api.GET('/api/v1/concertation-actions')), 'actions');
  return (
    <Stack>
      <Title order={2}>{t('concertation.partnerTitle')}</Title>
      <ProblemAlert problem={actions.failure} />
      {!actions.data && !actions.failure && <Waiting />}
      {actions.data && actions.data.length === 0 && <Text>{t('concertation.partnerEmpty')}</Text>}
      {actions.data && actions.data.length > 0 && (
        <ActionTable
          actions={actions.data}
          caption={t('concertation.partnerCaption')}
          testId="partner-actions"
          withPartner={false}
          onDone={actions.reload}
        />
      )}
    </Stack>
  );
}
