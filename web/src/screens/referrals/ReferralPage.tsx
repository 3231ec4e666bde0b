import {
  Alert,
  Anchor,
  Button,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { LongText } from '../../components/LongText';
import { ProblemAlert, useProblemText } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import {
  Appointments,
  type Referral,
  ReferralHistory,
  ReferralStatusBadge,
  SharedView,
} from './parts';

type Kind = Schemas['AppointmentDto']['kind'];
type Outcome = Schemas['OutcomeDto']['outcome'];
const KINDS: Kind[] = [
  'first_interview',
  'follow_up',
  'group_session',
  'phone_call',
  'home_visit',
  'other',
];
const OUTCOMES: Outcome[] = [
  'support_completed',
  'support_ongoing_elsewhere',
  'victim_not_reached',
  'victim_declined',
  'redirected',
  'other',
];

type Dialog = 'decline' | 'appointment' | 'outcome' | undefined;

function DeclineDialog({ referral, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const done = useRef<Referral | undefined>(undefined);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : t('referrals.reasonRequired')) },
  });
  return (
    <FormModal
      opened={opened}
      title={t('referrals.declineTitle')}
      form={form}
      confirm={t('referrals.decline')}
      danger
      submit={async ({ reason }) =>
        (done.current = await unwrap(
          api.POST('/api/v1/referrals/{id}/decline', {
            params: { path: { id: referral.id } },
            body: { reason: reason.trim() },
          }),
        ))
      }
      onClose={(ok) => onClose(ok ? done.current : undefined, 'referrals.declined')}
    >
      <Textarea
        label={t('referrals.declineReason')}
        description={t('referrals.declineReasonHint')}
        required
        data-autofocus
        autosize
        minRows={3}
        maxLength={2000}
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

function AppointmentDialog({ referral, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const done = useRef<Referral | undefined>(undefined);
  const form = useForm({
    initialValues: { at: '', kind: 'first_interview' as Kind, attended: 'unknown' },
    validate: { at: (v) => (v ? null : t('referrals.appointmentAtRequired')) },
  });
  return (
    <FormModal
      opened={opened}
      title={t('referrals.appointmentTitle')}
      form={form}
      confirm={t('referrals.addAppointment')}
      submit={async ({ at, kind, attended }) =>
        (done.current = await unwrap(
          api.POST('/api/v1/referrals/{id}/appointments', {
            params: { path: { id: referral.id } },
            body: {
              at: new Date(at).toISOString(),
              kind,
              attended: attended === 'unknown' ? null : attended === 'yes',
            },
          }),
        ))
      }
      onClose={(ok) => onClose(ok ? done.current : undefined, 'referrals.appointmentRecorded')}
    >
      <TextInput
        type="datetime-local"
        label={t('referrals.appointmentAt')}
        required
        data-autofocus
        {...form.getInputProps('at')}
      />
      <Select
        label={t('referrals.appointmentKind')}
        allowDeselect={false}
        data={KINDS.map((k) => ({ value: k, label: t(`referrals.kinds.${k}`) }))}
        {...form.getInputProps('kind')}
      />
      <Select
        label={t('referrals.attended')}
        allowDeselect={false}
        data={(['unknown', 'yes', 'no'] as const).map((a) => ({
          value: a,
          label: t(`referrals.attendance.${a}`),
        }))}
        {...form.getInputProps('attended')}
      />
    </FormModal>
  );
}

function OutcomeDialog({ referral, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const done = useRef<Referral | undefined>(undefined);
  const form = useForm({
    initialValues: { outcome: '' as Outcome | '', note: '' },
    validate: { outcome: (v) => (v ? null : t('referrals.outcomeRequired')) },
  });
  return (
    <FormModal
      opened={opened}
      title={t('referrals.outcomeTitle')}
      form={form}
      confirm={t('referrals.recordOutcome')}
      submit={async ({ outcome, note }) =>
        (done.current = await unwrap(
          api.POST('/api/v1/referrals/{id}/outcome', {
            params: { path: { id: referral.id } },
            body: { outcome: outcome as Outcome, ...(note.trim() ? { note: note.trim() } : {}) },
          }),
        ))
      }
      onClose={(ok) => onClose(ok ? done.current : undefined, 'referrals.outcomeRecorded')}
    >
      <Select
        label={t('referrals.outcome')}
        required
        data-autofocus
        data={OUTCOMES.map((o) => ({ value: o, label: t(`referrals.outcomes.${o}`) }))}
        {...form.getInputProps('outcome')}
      />
      <LongText label={t('referrals.outcomeNote')} {...form.getInputProps('note')} />
    </FormModal>
  );
}

interface DialogProps {
  referral: Referral;
  opened: boolean;
  onClose(changed: Referral | undefined, message: string): void;
}

/** One referral as its partner sees it: what was shared, its steps, and what to do next. */
export default function ReferralPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { moment } = useDates();
  const problemText = useProblemText();
  const [dialog, setDialog] = useState<Dialog>();
  const [changed, setChanged] = useState<Referral>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const read = useRead(
    () => unwrap(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })),
    id,
  );
  const referral = changed?.id === id ? changed : read.data?.id === id ? read.data : undefined;
  usePageTitle(
    referral
      ? t('referrals.referralTitle', { reference: referral.caseReference })
      : t('referrals.inboxTitle'),
  );
  if (read.failure)
    return (
      <Stack>
        <Title order={2}>{t('referrals.inboxTitle')}</Title>
        <Alert color="red" role="alert">
          {t('referrals.notFound')}
        </Alert>
        <Anchor component={Link} to="/referrals">
          {t('referrals.backToInbox')}
        </Anchor>
      </Stack>
    );
  if (!referral) return <Waiting />;
  const done = (next: Referral | undefined, message: string) => {
    setDialog(undefined);
    if (!next) return;
    setChanged(next);
    notifications.show({
      color: 'green',
      message: t(message),
      closeButtonProps: { 'aria-label': t('common.close') },
    });
  };
  const accept = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      done(
        await unwrap(api.POST('/api/v1/referrals/{id}/accept', { params: { path: { id } } })),
        'referrals.accepted',
      );
    } catch (error) {
      setFailure(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={6}>
          <Title order={2}>
            {t('referrals.referralTitle', { reference: referral.caseReference })}
          </Title>
          <Group gap="xs">
            <ReferralStatusBadge status={referral.status} />
            <Text size="sm">
              {t(`referrals.services.${referral.service}`)} · {t('referrals.sentAt')}{' '}
              {moment(referral.sentAt)}
            </Text>
          </Group>
        </Stack>
        <Group>
          {referral.status === 'sent' && (
            <>
              <Button onClick={accept} loading={busy}>
                {t('referrals.accept')}
              </Button>
              <Button variant="outline" color="red" onClick={() => setDialog('decline')}>
                {t('referrals.decline')}
              </Button>
            </>
          )}
          {referral.status === 'accepted' && (
            <>
              <Button onClick={() => setDialog('appointment')}>
                {t('referrals.addAppointment')}
              </Button>
              <Button variant="outline" onClick={() => setDialog('outcome')}>
                {t('referrals.recordOutcome')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <ProblemAlert problem={failure} />
      {referral.declineReason && (
        <Alert color="gray">
          {t('referrals.declinedBecause', { reason: referral.declineReason })}
        </Alert>
      )}
      {referral.outcome && (
        <Alert color="blue" title={t('referrals.outcome')}>
          {t(`referrals.outcomes.${referral.outcome.kind}`)}
          {referral.outcome.note ? ` — ${referral.outcome.note}` : ''}
        </Alert>
      )}
      <SharedView referral={referral} />
      <Stack gap="xs" component="section" aria-labelledby="referral-appointments">
        <Title order={3} id="referral-appointments">
          {t('referrals.appointments')}
        </Title>
        <Appointments referral={referral} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="referral-history">
        <Title order={3} id="referral-history">
          {t('referrals.history')}
        </Title>
        <ReferralHistory referral={referral} />
      </Stack>
      <Anchor component={Link} to="/referrals">
        {t('referrals.backToInbox')}
      </Anchor>
      <DeclineDialog referral={referral} opened={dialog === 'decline'} onClose={done} />
      <AppointmentDialog referral={referral} opened={dialog === 'appointment'} onClose={done} />
      <OutcomeDialog referral={referral} opened={dialog === 'outcome'} onClose={done} />
    </Stack>
  );
}
