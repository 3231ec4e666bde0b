import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { ProblemAlert, useProblemText } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { ActionTable, MinutesButton } from './parts';

type Meeting = Schemas['MeetingDto'];

/** One meeting: the agenda (add, remove), attendance, decisions and actions, the minutes. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { moment } = useDates();
  const read = useRead(
    () => unwrap(api.GET('/api/v1/concertation-meetings/{id}', { params: { path: { id } } })),
    id,
  );
  const [fresh, setFresh] = useState<Meeting>();
  const meeting = fresh && fresh.id === id ? fresh : read.data;
  const reload = () => {
    setFresh(undefined);
    read.reload();
  };
  usePageTitle(
    meeting
      ? t('concertation.meetingOf', {
          date: moment(meeting.scheduledAt),
          network: meeting.networkName,
        })
      : t('concertation.title'),
  );
  if (read.failure) return <ProblemAlert problem={read.failure} />;
  if (!meeting) return <Waiting />;
  return (
    <Stack>
      <Anchor component={Link} to="/concertation">
        {t('concertation.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>
            {t('concertation.meetingOf', {
              date: moment(meeting.scheduledAt),
              network: meeting.networkName,
            })}
          </Title>
          <Text>{t(`concertation.kinds.${meeting.kind}`)}</Text>
        </Stack>
        <MinutesButton meetingId={meeting.id} />
      </Group>
      <Agenda meeting={meeting} onChange={setFresh} />
      <Participants meeting={meeting} onChange={setFresh} />
      <DecisionsAndActions meeting={meeting} onChange={setFresh} reload={reload} />
    </Stack>
  );
}

interface Part {
  meeting: Meeting;
  onChange(meeting: Meeting): void;
}

/** Sends one change and hands back the meeting the service answered. */
function useChange(onChange: (meeting: Meeting) => void) {
  const problemText = useProblemText();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<Meeting>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onChange(await call());
      return true;
    } catch (error) {
      setFailure(problemText(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, failure, busy };
}

function Agenda({ meeting, onChange }: Part) {
  const { t } = useTranslation();
  const change = useChange(onChange);
  const [caseId, setCaseId] = useState<string | null>(null);
  const cases = useRead(
    () =>
      unwrap(api.GET('/api/v1/cases', { params: { query: { status: 'open', pageSize: 100 } } })),
    'open-cases',
  );
  const onAgenda = new Set(meeting.agenda.map((i) => i.caseId));
  const path = { params: { path: { id: meeting.id } } };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{t('concertation.agenda')}</Title>
          <Button
            variant="light"
            loading={change.busy}
            onClick={() =>
              void change.run(() =>
                unwrap(api.POST('/api/v1/concertation-meetings/{id}/agenda/refresh', path)),
              )
            }
          >
            {t('concertation.refreshAgenda')}
          </Button>
        </Group>
        <Text size="sm">{t('concertation.refreshAgendaHint')}</Text>
        {meeting.agenda.length === 0 && <Text>{t('concertation.agendaEmpty')}</Text>}
        {meeting.agenda.length > 0 && (
          <Table withTableBorder data-testid="agenda">
            <Table.Caption>{t('concertation.agendaCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concertation.reference')}</Table.Th>
                <Table.Th>{t('concertation.level')}</Table.Th>
                <Table.Th>{t('concertation.repeat')}</Table.Th>
                <Table.Th>{t('concertation.coordinator')}</Table.Th>
                <Table.Th>{t('concertation.reason')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('concertation.removeShort')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meeting.agenda.map((item) => (
                <Table.Tr key={item.caseId}>
                  <Table.Td>
                    <CaseReference reference={item.reference} />
                  </Table.Td>
                  <Table.Td>{item.levelLabel ?? t('concertation.notAssessed')}</Table.Td>
                  <Table.Td>{item.repeat ? t('concertation.yes') : t('concertation.no')}</Table.Td>
                  <Table.Td>{item.coordinatorName ?? '—'}</Table.Td>
                  <Table.Td>
                    {item.reasons.map((r) => t(`concertation.reasons.${r}`)).join(' ; ')}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      aria-label={t('concertation.remove', { reference: item.reference })}
                      onClick={() =>
                        void change.run(() =>
                          unwrap(
                            api.DELETE('/api/v1/concertation-meetings/{id}/agenda/{caseId}', {
                              params: { path: { id: meeting.id, caseId: item.caseId } },
                            }),
                          ),
                        )
                      }
                    >
                      {t('concertation.removeShort')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <Select
            label={t('concertation.addCase')}
            data={(cases.data?.items ?? [])
              .filter((c) => !onAgenda.has(c.id))
              .map((c) => ({ value: c.id, label: c.reference }))}
            value={caseId}
            onChange={setCaseId}
            searchable
            w={320}
          />
          <Button
            disabled={!caseId}
            loading={change.busy}
            onClick={() =>
              void change
                .run(() =>
                  unwrap(
                    api.POST('/api/v1/concertation-meetings/{id}/agenda', {
                      ...path,
                      body: { caseId: caseId! },
                    }),
                  ),
                )
                .then((ok) => ok && setCaseId(null))
            }
          >
            {t('concertation.add')}
          </Button>
        </Group>
        <ProblemAlert problem={change.failure} />
      </Stack>
    </Paper>
  );
}

function useNetworkPartners(networkId: string) {
  return useRead(
    () => unwrap(api.GET('/api/v1/networks/{id}', { params: { path: { id: networkId } } })),
    networkId,
  );
}

function Participants({ meeting, onChange }: Part) {
  const { t } = useTranslation();
  const change = useChange(onChange);
  const network = useNetworkPartners(meeting.networkId);
  const [state, setState] = useState(
    () =>
      new Map(
        meeting.participants.map((p) => [p.partnerId, { invited: true, attended: !!p.attended }]),
      ),
  );
  const [saved, setSaved] = useState(false);
  const partners = (network.data?.partners ?? []).filter((p) => p.active);
  const set = (id: string, patch: Partial<{ invited: boolean; attended: boolean }>) => {
    setSaved(false);
    setState((s) => {
      const next = new Map(s);
      const current = next.get(id) ?? { invited: false, attended: false };
      const merged = { ...current, ...patch };
      // Present means invited; no longer invited means not present.
      if (patch.attended) merged.invited = true;
      if (patch.invited === false) merged.attended = false;
      next.set(id, merged);
      return next;
    });
  };
  const save = async () => {
    const ok = await change.run(() =>
      unwrap(
        api.PUT('/api/v1/concertation-meetings/{id}/participants', {
          params: { path: { id: meeting.id } },
          body: {
            participants: [...state.entries()]
              .filter(([, v]) => v.invited)
              .map(([partnerId, v]) => ({ partnerId, attended: v.attended })),
          },
        }),
      ),
    );
    setSaved(ok);
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('concertation.participants')}</Title>
        <ProblemAlert problem={network.failure} />
        {!network.data && !network.failure && <Waiting />}
        {partners.length > 0 && (
          <Table withTableBorder data-testid="participants">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concertation.partner')}</Table.Th>
                <Table.Th>{t('concertation.invited')}</Table.Th>
                <Table.Th>{t('concertation.attended')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.map((p) => {
                const v = state.get(p.id) ?? { invited: false, attended: false };
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${t('concertation.invited')} : ${p.name}`}
                        checked={v.invited}
                        onChange={(e) => set(p.id, { invited: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${t('concertation.attended')} : ${p.name}`}
                        checked={v.attended}
                        onChange={(e) => set(p.id, { attended: e.currentTarget.checked })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button loading={change.busy} onClick={() => void save()}>
            {t('concertation.saveParticipants')}
          </Button>
          {saved && <Text role="status">{t('concertation.saved')}</Text>}
        </Group>
        <ProblemAlert problem={change.failure} />
      </Stack>
    </Paper>
  );
}

function DecisionsAndActions({ meeting, onChange, reload }: Part & { reload(): void }) {
  const { t } = useTranslation();
  const decisionChange = useChange(onChange);
  const actionChange = useChange(onChange);
  const network = useNetworkPartners(meeting.networkId);
  const [caseId, setCaseId] = useState<string | null>(meeting.agenda[0]?.caseId ?? null);
  const [text, setText] = useState('');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [dueAt, setDueAt] = useState('');
  const references = new Map(meeting.agenda.map((i) => [i.caseId, i.reference]));
  const path = { params: { path: { id: meeting.id } } };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('concertation.decisionsActions')}</Title>
        <Select
          label={t('concertation.case')}
          data={meeting.agenda.map((i) => ({ value: i.caseId, label: i.reference }))}
          value={caseId}
          onChange={setCaseId}
          allowDeselect={false}
          w={320}
        />
        {meeting.decisions.length > 0 && (
          <Stack gap={4} data-testid="decisions">
            {meeting.decisions.map((d) => (
              <Text key={d.id}>
                <strong>{references.get(d.caseId) ?? '—'}</strong> — {d.text}
              </Text>
            ))}
          </Stack>
        )}
        <Textarea
          label={t('concertation.decision')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          <Button
            disabled={!caseId || !text.trim()}
            loading={decisionChange.busy}
            onClick={() =>
              void decisionChange
                .run(() =>
                  unwrap(
                    api.POST('/api/v1/concertation-meetings/{id}/decisions', {
                      ...path,
                      body: { caseId: caseId!, text: text.trim() },
                    }),
                  ),
                )
                .then((ok) => ok && setText(''))
            }
          >
            {t('concertation.recordDecision')}
          </Button>
        </Group>
        <ProblemAlert problem={decisionChange.failure} />
        <Group align="flex-end">
          <Select
            label={t('concertation.partner')}
            data={(network.data?.partners ?? [])
              .filter((p) => p.active)
              .map((p) => ({ value: p.id, label: p.name }))}
            value={partnerId}
            onChange={setPartnerId}
            searchable
            w={320}
          />
          <TextInput
            type="datetime-local"
            label={t('concertation.dueAt')}
            value={dueAt}
            onChange={(e) => setDueAt(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('concertation.action')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          <Button
            disabled={!caseId || !partnerId || !description.trim() || !dueAt}
            loading={actionChange.busy}
            onClick={() =>
              void actionChange
                .run(() =>
                  unwrap(
                    api.POST('/api/v1/concertation-meetings/{id}/actions', {
                      ...path,
                      body: {
                        caseId: caseId!,
                        partnerId: partnerId!,
                        description: description.trim(),
                        dueAt: new Date(dueAt).toISOString(),
                      },
                    }),
                  ),
                )
                .then((ok) => {
                  if (!ok) return;
                  setDescription('');
                  setDueAt('');
                })
            }
          >
            {t('concertation.assign')}
          </Button>
        </Group>
        <ProblemAlert problem={actionChange.failure} />
        {meeting.actions.length > 0 && (
          <ActionTable
            actions={meeting.actions}
            caption={t('concertation.actionsCaption')}
            testId="actions"
            withPartner
            onDone={reload}
          />
        )}
      </Stack>
    </Paper>
  );
}
