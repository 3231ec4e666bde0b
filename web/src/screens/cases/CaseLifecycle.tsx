import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { type DialogProps, FormModal } from '../../components/FormModal';
import { LongText } from '../../components/LongText';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { PartnerName } from '../network/partners';
import { type CaseFile, type CasePanelProps, localNow } from './caseForm';

export const INTAKE_CHANNELS = [
  'hotline_24_7',
  'complaint',
  'police_call_out',
  'partner_referral',
  'victim_herself',
  'other',
] as const;
export const INCIDENT_KINDS = ['violence', 'threat', 'breach_of_ban', 'other'] as const;
export const CLOSURE_REASONS = [
  'danger_ended_two_low_assessments',
  'reasoned_decision',
  'victim_moved_away',
  'victim_request',
  'other',
] as const;
/** The service's minimum for a reasoned decision. */
export const REASONED_MIN = 40;
const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,8}){1,3}$/;

type CaseEvent = Schemas['CaseEventDto'];

/** MARAC's repeat rule, said first: the victim was already known within the last 12 months. */
export function RepeatAlert({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const repeat = file.repeat;
  if (!repeat) return null;
  return (
    <Alert color="orange" variant="filled" role="status" title={t('cases.lifecycle.repeat')}>
      <Stack gap={4}>
        {repeat.previousCases.length > 0 && (
          <List size="sm" c="white">
            {repeat.previousCases.map((previous) => (
              <List.Item key={previous.id}>
                <Anchor component={Link} to={`/cases/${previous.id}`} c="white" underline="always">
                  {previous.reference}
                </Anchor>{' '}
                {t('cases.lifecycle.lastKnown', { date: day(previous.lastKnownAt) })}
              </List.Item>
            ))}
          </List>
        )}
        {repeat.knownElsewhere && <Text size="sm">{t('cases.lifecycle.knownElsewhere')}</Text>}
      </Stack>
    </Alert>
  );
}

/** How the case came in, in words. */
export function IntakeLine({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  const intake = file.intake;
  if (!intake) return <Text size="sm">{t('cases.lifecycle.intakeUnknown')}</Text>;
  return (
    <Text size="sm">
      {t('cases.lifecycle.intakeLine', {
        channel: t(`cases.lifecycle.channel.${intake.channel}`),
        date: moment(intake.receivedAt),
        by: intake.takenByName ?? intake.takenById,
      })}
      {intake.partnerId && (
        <>
          {' · '}
          {t('cases.lifecycle.referredBy')} <PartnerName id={intake.partnerId} />
        </>
      )}
    </Text>
  );
}

/** A new incident; on a closed case it reopens it. */
export function IncidentModal({
  file,
  opened,
  onClose,
}: {
  file: CaseFile;
} & DialogProps<CaseFile>) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { occurredAt: localNow(), kind: '', source: '', note: '' },
    validate: {
      occurredAt: (v) => (v ? null : t('fieldErrors.required')),
      kind: (v) => (v ? null : t('fieldErrors.required')),
      source: (v) => (v ? null : t('fieldErrors.required')),
    },
  });
  return (
    <FormModal
      opened={opened}
      title={t('cases.lifecycle.incidentTitle', { reference: file.reference })}
      form={form}
      submit={async (values) => {
        return unwrap(
          api.POST('/api/v1/cases/{id}/incidents', {
            params: { path: { id: file.id } },
            body: {
              occurredAt: new Date(values.occurredAt).toISOString(),
              kind: values.kind as (typeof INCIDENT_KINDS)[number],
              source: values.source as (typeof INTAKE_CHANNELS)[number],
              note: values.note.trim() || undefined,
            },
          }),
        );
      }}
      onClose={(_, result) => onClose(result)}
      confirm={t('cases.lifecycle.recordIncident')}
    >
      {file.status === 'closed' && <Text size="sm">{t('cases.lifecycle.reopensHint')}</Text>}
      <TextInput
        type="datetime-local"
        label={t('cases.lifecycle.occurredAt')}
        required
        data-autofocus
        {...form.getInputProps('occurredAt')}
      />
      <Select
        label={t('cases.lifecycle.incidentKind')}
        required
        data={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`cases.lifecycle.kind.${k}`) }))}
        {...form.getInputProps('kind')}
      />
      <Select
        label={t('cases.lifecycle.source')}
        required
        data={INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`cases.lifecycle.channel.${c}`) }))}
        {...form.getInputProps('source')}
      />
      <LongText label={t('cases.lifecycle.note')} {...form.getInputProps('note')} />
    </FormModal>
  );
}

/** Asks another jurisdiction's coordination to take the case over. */
export function TransferModal({
  file,
  opened,
  onClose,
}: {
  file: CaseFile;
} & DialogProps<CaseFile>) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { to: '', reason: '' },
    validate: {
      to: (v) =>
        !JURISDICTION.test(v.trim())
          ? t('fieldErrors.jurisdiction')
          : v.trim() === file.jurisdiction
            ? t('cases.lifecycle.sameJurisdiction')
            : null,
      reason: (v) => (v.trim().length >= 3 ? null : t('cases.errors.reasonLength')),
    },
  });
  return (
    <FormModal
      opened={opened}
      title={t('cases.lifecycle.transferTitle', { reference: file.reference })}
      form={form}
      submit={async (values) => {
        return unwrap(
          api.POST('/api/v1/cases/{id}/transfer', {
            params: { path: { id: file.id } },
            body: { to: values.to.trim(), reason: values.reason.trim() },
          }),
        );
      }}
      onClose={(_, result) => onClose(result)}
      confirm={t('cases.lifecycle.askTransfer')}
    >
      <TextInput
        label={t('cases.lifecycle.transferTo')}
        description={t('cases.lifecycle.transferToHint')}
        required
        data-autofocus
        {...form.getInputProps('to')}
      />
      <LongText
        label={t('cases.lifecycle.transferReason')}
        required
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

/** Closure as a decision: a reason code in words and its text. */
export function CloseModal({
  file,
  opened,
  onClose,
}: {
  file: CaseFile;
} & DialogProps<CaseFile>) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { reasonCode: '', reason: '' },
    validate: {
      reasonCode: (v) => (v ? null : t('fieldErrors.required')),
      reason: (v, values) =>
        values.reasonCode === 'reasoned_decision' && v.trim().length < REASONED_MIN
          ? t('cases.lifecycle.reasonedLength', { count: REASONED_MIN })
          : v.trim().length >= 3
            ? null
            : t('cases.errors.reasonLength'),
    },
  });
  return (
    <FormModal
      opened={opened}
      title={t('cases.closeTitle', { reference: file.reference })}
      form={form}
      problemTestId="close-problem"
      submit={async ({ reasonCode, reason }) => {
        return unwrap(
          api.POST('/api/v1/cases/{id}/close', {
            params: { path: { id: file.id } },
            body: {
              reasonCode: reasonCode as (typeof CLOSURE_REASONS)[number],
              reason: reason.trim(),
            },
          }),
        );
      }}
      onClose={(_, result) => onClose(result)}
      confirm={t('cases.confirmClose')}
      danger
    >
      <Select
        label={t('cases.lifecycle.closureReason')}
        required
        data-autofocus
        data={CLOSURE_REASONS.map((r) => ({ value: r, label: t(`cases.lifecycle.closure.${r}`) }))}
        {...form.getInputProps('reasonCode')}
      />
      <Textarea
        label={t('cases.lifecycle.decisionText')}
        description={t('cases.lifecycle.closeTextHint', { count: REASONED_MIN })}
        required
        autosize
        minRows={3}
        maxLength={2000}
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

/** The transfer the case awaits, with its withdrawal for the case's own coordination. */
export function PendingTransfer({ file, canAct, onChanged }: CasePanelProps) {
  const { t } = useTranslation();
  const { moment } = useDates();
  const pending = file.pendingTransfer;
  if (!pending) return null;
  return (
    <Alert color="blue" title={t('cases.lifecycle.pendingTitle', { to: pending.to })}>
      <Stack gap="xs">
        <Text size="sm">
          {t('cases.lifecycle.pendingLine', {
            date: moment(pending.requestedAt),
            by: pending.requestedBy,
          })}
        </Text>
        <Text size="sm">{pending.reason}</Text>
        {canAct && (
          <Group>
            <Button
              size="xs"
              variant="outline"
              onClick={async () =>
                onChanged(
                  await unwrap(
                    api.POST('/api/v1/cases/{id}/transfer/decline', {
                      params: { path: { id: file.id } },
                      body: {},
                    }),
                  ),
                )
              }
            >
              {t('cases.lifecycle.withdraw')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function eventLine(event: CaseEvent, t: TFunction): string {
  switch (event.kind) {
    case 'incident':
      return t('cases.lifecycle.history.incident', {
        kind: t(`cases.lifecycle.kind.${event.incidentKind}`),
        source: t(`cases.lifecycle.channel.${event.source}`),
      });
    case 'closed':
      return t('cases.lifecycle.history.closed', {
        reason: t(`cases.lifecycle.closure.${event.reasonCode}`),
      });
    case 'reopened':
      return t('cases.lifecycle.history.reopened');
    case 'transfer_requested':
      return t('cases.lifecycle.history.transfer_requested', { to: event.to });
    case 'transfer_accepted':
      return t('cases.lifecycle.history.transfer_accepted', { from: event.from, to: event.to });
    case 'transfer_declined':
      return t('cases.lifecycle.history.transfer_declined', { to: event.to });
    case 'child_follow_up':
      return t('cases.lifecycle.history.child_follow_up', {
        kind: t(`cases.children.kind.${event.followUpKind}`),
      });
    case 'author_track':
      return event.step === 'measure_recorded'
        ? t('cases.lifecycle.history.measure_recorded', {
            measure: t(`measure.${event.measureType}`),
          })
        : t(`cases.lifecycle.history.author.${event.step}`);
  }
}

/** Incidents, closures, reopenings and transfers, oldest first. */
export function CaseHistory({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  const { data } = useRead(
    () => unwrap(api.GET('/api/v1/cases/{id}/history', { params: { path: { id: file.id } } })),
    `${file.id}:${file.version}`,
  );
  return (
    <Stack component="section" aria-labelledby="case-history-title" gap="sm">
      <Title order={3} id="case-history-title">
        {t('cases.section.history')}
      </Title>
      <IntakeLine file={file} />
      {data && data.length === 0 && <Text size="sm">{t('cases.lifecycle.noHistory')}</Text>}
      {data && data.length > 0 && (
        <Table data-testid="case-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.lifecycle.when')}</Table.Th>
              <Table.Th>{t('cases.lifecycle.what')}</Table.Th>
              <Table.Th>{t('cases.lifecycle.who')}</Table.Th>
              <Table.Th>{t('cases.lifecycle.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>{moment(event.occurredAt)}</Table.Td>
                <Table.Td>{eventLine(event, t)}</Table.Td>
                <Table.Td>{event.actorName ?? event.actorId}</Table.Td>
                <Table.Td>{event.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
