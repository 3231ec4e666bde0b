import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { type DialogProps, FormModal } from '../../components/FormModal';
import { LongText } from '../../components/LongText';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { PARTNER_SERVICES } from '../network/partners';
import { type Referral, ReferralHistory, ReferralStatusBadge } from './parts';

type CaseFile = Schemas['CaseDto'];
type Service = Schemas['CreateReferralDto']['service'];

/** The latest entry of the victim's consent to share with one partner (the service's rule). */
function sharingConsent(caseFile: CaseFile, partnerId: string) {
  return (caseFile.victim.consents ?? [])
    .filter((c) => c.purpose === 'information_sharing' && c.recipient === partnerId)
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt))[0];
}

function ReferDialog({
  caseFile,
  opened,
  onClose,
}: {
  caseFile: CaseFile;
} & DialogProps<Referral>) {
  const { t } = useTranslation();
  const { day } = useDates();
  const form = useForm({
    initialValues: {
      service: '' as Service | '',
      partnerId: '',
      victimFirstName: false,
      contactPhone: false,
      coordinatorContact: '',
      note: '',
    },
    validate: {
      service: (v) => (v ? null : t('referrals.chooseService')),
      partnerId: (v) => (v ? null : t('referrals.choosePartner')),
      coordinatorContact: (v) => (v.trim() ? null : t('referrals.contactRequired')),
    },
  });
  const service = form.values.service;
  const { data: partners } = useRead(
    () =>
      service
        ? unwrap(
            api.GET('/api/v1/partners', {
              params: {
                query: { service, jurisdiction: caseFile.jurisdiction, page: 1, pageSize: 100 },
              },
            }),
          ).then((page) => page.items)
        : Promise.resolve([]),
    `${service}:${caseFile.jurisdiction}`,
  );
  const partner = partners?.find((p) => p.id === form.values.partnerId);
  const consent = partner ? sharingConsent(caseFile, partner.id) : undefined;
  return (
    <FormModal
      opened={opened}
      title={t('referrals.referTitle')}
      form={form}
      confirm={t('referrals.send')}
      problemTestId="referral-problem"
      submit={async (values) => {
        return unwrap(
          api.POST('/api/v1/cases/{caseId}/referrals', {
            params: { path: { caseId: caseFile.id } },
            body: {
              partnerId: values.partnerId,
              service: values.service as Service,
              share: {
                victimFirstName: values.victimFirstName,
                contactPhone: values.contactPhone,
              },
              coordinatorContact: values.coordinatorContact.trim(),
              ...(values.note.trim() ? { note: values.note.trim() } : {}),
            },
          }),
        );
      }}
      onClose={(_, result) => onClose(result)}
    >
      <Select
        label={t('referrals.service')}
        required
        data-autofocus
        data={PARTNER_SERVICES.map((s) => ({ value: s, label: t(`referrals.services.${s}`) }))}
        {...form.getInputProps('service')}
        onChange={(value) => {
          form.setFieldValue('service', (value ?? '') as Service | '');
          form.setFieldValue('partnerId', '');
        }}
      />
      <Select
        label={t('referrals.partner')}
        description={t('referrals.partnerHint')}
        required
        disabled={!service}
        nothingFoundMessage={t('referrals.noPartner')}
        data={(partners ?? []).map((p) => ({ value: p.id, label: p.name }))}
        {...form.getInputProps('partnerId')}
      />
      {service && partners?.length === 0 && <Text size="sm">{t('referrals.noPartner')}</Text>}
      {partner &&
        (consent?.given ? (
          <Text size="sm">{t('referrals.consentInForce', { date: day(consent.recordedAt) })}</Text>
        ) : (
          <Alert color="orange" title={t('referrals.consentMissingTitle')} role="alert">
            <Stack gap={4}>
              <Text size="sm">{t('referrals.consentMissing', { partner: partner.name })}</Text>
              <Anchor component={Link} to={`/cases/${caseFile.id}/edit`} size="sm">
                {t('referrals.recordConsent')}
              </Anchor>
            </Stack>
          </Alert>
        ))}
      <Fieldset legend={t('referrals.shareLegend')} variant="unstyled">
        <Stack gap={6}>
          <Text size="sm">{t('referrals.shareHint')}</Text>
          <Checkbox
            label={t('referrals.shareFirstName')}
            {...form.getInputProps('victimFirstName', { type: 'checkbox' })}
          />
          <Checkbox
            label={t('referrals.sharePhone')}
            {...form.getInputProps('contactPhone', { type: 'checkbox' })}
          />
        </Stack>
      </Fieldset>
      <TextInput
        label={t('referrals.coordinatorContact')}
        description={t('referrals.coordinatorContactHint')}
        required
        maxLength={200}
        {...form.getInputProps('coordinatorContact')}
      />
      <LongText
        label={t('referrals.note')}
        description={t('referrals.noteHint')}
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}

/** The case's referrals to partners, where each stands, and the "Orienter" dialog. */
export function CaseReferrals({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const { has } = useSession();
  const { moment } = useDates();
  const [referring, setReferring] = useState(false);
  const coordinator = has('coordinator');
  const { data, failure, reload } = useRead(
    () =>
      coordinator
        ? unwrap(
            api.GET('/api/v1/cases/{caseId}/referrals', {
              params: { path: { caseId: caseFile.id } },
            }),
          )
        : Promise.resolve([]),
    caseFile.id,
  );
  if (!coordinator) return null;
  return (
    <Stack component="section" aria-labelledby="case-referrals-title" gap="sm">
      <Group justify="space-between">
        <Title order={3} id="case-referrals-title">
          {t('referrals.panelTitle')}
        </Title>
        {caseFile.status !== 'closed' && (
          <Button onClick={() => setReferring(true)}>{t('referrals.refer')}</Button>
        )}
      </Group>
      <ProblemAlert problem={failure} />
      {!data && !failure && <Waiting size="sm" />}
      {data && data.length === 0 && <Text>{t('referrals.none')}</Text>}
      {data && data.length > 0 && (
        <Table withTableBorder data-testid="case-referrals">
          <Table.Caption>{t('referrals.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('referrals.partner')}</Table.Th>
              <Table.Th>{t('referrals.service')}</Table.Th>
              <Table.Th>{t('referrals.sentAt')}</Table.Th>
              <Table.Th>{t('referrals.status')}</Table.Th>
              <Table.Th>{t('referrals.history')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.partnerName}</Table.Td>
                <Table.Td>{t(`referrals.services.${r.service}`)}</Table.Td>
                <Table.Td>{moment(r.sentAt)}</Table.Td>
                <Table.Td>
                  <ReferralStatusBadge status={r.status} />
                  {r.declineReason && (
                    <Text size="sm">
                      {t('referrals.declinedBecause', { reason: r.declineReason })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ReferralHistory referral={r} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ReferDialog
        caseFile={caseFile}
        opened={referring}
        onClose={(sent) => {
          setReferring(false);
          if (sent) {
            reload();
            notifications.show({
              color: 'green',
              message: t('referrals.sent', { partner: sent.partnerName }),
              closeButtonProps: { 'aria-label': t('common.close') },
            });
          }
        }}
      />
    </Stack>
  );
}
