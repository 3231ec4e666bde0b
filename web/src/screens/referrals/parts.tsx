import { Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { useDates } from '../../layout/format';

export type Referral = Schemas['ReferralDto'];

const COLORS: Record<Referral['status'], string> = {
  sent: 'orange',
  accepted: 'green',
  declined: 'gray',
  closed: 'blue',
  consent_withdrawn: 'red',
  case_closed: 'gray',
};

/** Where a referral stands, in words. */
export function ReferralStatusBadge({ status }: { status: Referral['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[status]}
      variant="light"
      tt="none"
      c="dark"
      h="auto"
      py={2}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
    >
      {t(`referrals.statuses.${status}`)}
    </Badge>
  );
}

/** Each step: what, when, by whom. */
export function ReferralHistory({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  return (
    <List size="sm" aria-label={t('referrals.history')}>
      {referral.history.map((step, i) => (
        <List.Item key={i}>
          {moment(step.at)} — {t(`referrals.steps.${step.kind}`)}
        </List.Item>
      ))}
    </List>
  );
}

/** What the coordinator shared, "not shared" where nothing was ticked. */
export function SharedView({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const { shared } = referral;
  const rows: [string, string | null | undefined][] = [
    [t('referrals.firstName'), shared.victimFirstName],
    [t('referrals.phone'), shared.contactPhone],
    [
      t('referrals.coordinator'),
      [shared.coordinatorName, shared.coordinatorContact].filter(Boolean).join(' — '),
    ],
    [t('referrals.note'), shared.note],
  ];
  return (
    <Stack gap="xs" component="section" aria-labelledby="referral-shared">
      <Title order={3} id="referral-shared">
        {t('referrals.shared')}
      </Title>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={200}>{label}</Table.Th>
              <Table.Td>{value || <Text span>{t('referrals.notShared')}</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The appointments recorded, with attendance in words. */
export function Appointments({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  if (referral.appointments.length === 0) return <Text>{t('referrals.noAppointments')}</Text>;
  return (
    <Table withTableBorder>
      <Table.Caption>{t('referrals.appointments')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('referrals.appointmentAt')}</Table.Th>
          <Table.Th>{t('referrals.appointmentKind')}</Table.Th>
          <Table.Th>{t('referrals.attended')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {referral.appointments.map((a, i) => (
          <Table.Tr key={i}>
            <Table.Td>{moment(a.at)}</Table.Td>
            <Table.Td>{t(`referrals.kinds.${a.kind}`)}</Table.Td>
            <Table.Td>
              {t(
                `referrals.attendance.${a.attended === null ? 'unknown' : a.attended ? 'yes' : 'no'}`,
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
