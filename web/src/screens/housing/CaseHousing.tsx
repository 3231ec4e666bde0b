import {
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { type HousingRequest, RequestsTable, today } from './parts';

const URGENCIES = ['immediate', 'within_days', 'planned'] as const;

function RequestModal({
  caseFile,
  opened,
  onClose,
}: {
  caseFile: Schemas['CaseDto'];
  opened: boolean;
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      children: caseFile.children.length as number | string,
      from: today(),
      nights: 7 as number | string,
      urgency: 'immediate' as (typeof URGENCIES)[number],
      note: '',
      coordinatorPhone: '',
      coordinatorEmail: '',
    },
  });
  return (
    <FormModal
      opened={opened}
      title={t('housing.requestTitle')}
      form={form}
      confirm={t('housing.send')}
      problemTestId="housing-request-problem"
      onClose={onClose}
      submit={(v) =>
        unwrap(
          api.POST('/api/v1/cases/{caseId}/housing-requests', {
            params: { path: { caseId: caseFile.id } },
            body: {
              children: Number(v.children),
              from: v.from,
              nights: Number(v.nights),
              urgency: v.urgency,
              note: v.note.trim() || undefined,
              coordinatorPhone: v.coordinatorPhone.trim() || undefined,
              coordinatorEmail: v.coordinatorEmail.trim() || undefined,
            },
          }),
        )
      }
    >
      <Text size="sm">{t('housing.requestIntro')}</Text>
      <NumberInput
        label={t('housing.children')}
        required
        min={0}
        max={20}
        data-autofocus
        {...form.getInputProps('children')}
      />
      <TextInput type="date" label={t('housing.from')} required {...form.getInputProps('from')} />
      <NumberInput
        label={t('housing.nights')}
        required
        min={1}
        max={365}
        {...form.getInputProps('nights')}
      />
      <Select
        label={t('housing.urgency')}
        required
        allowDeselect={false}
        data={URGENCIES.map((u) => ({ value: u, label: t(`housing.urgencies.${u}`) }))}
        {...form.getInputProps('urgency')}
      />
      <Textarea
        label={t('housing.note')}
        description={t('housing.noteHint')}
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps('note')}
      />
      <TextInput
        type="tel"
        label={t('housing.coordinatorPhone')}
        description={t('housing.coordinatorPhoneHint')}
        {...form.getInputProps('coordinatorPhone')}
      />
      <TextInput
        type="email"
        label={t('housing.coordinatorEmail')}
        {...form.getInputProps('coordinatorEmail')}
      />
    </FormModal>
  );
}

function CancelModal({
  request,
  onClose,
}: {
  request?: HousingRequest;
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { reason: '' } });
  return (
    <FormModal
      opened={!!request}
      title={t('housing.cancelTitle')}
      form={form}
      confirm={t('housing.cancelConfirm')}
      danger
      onClose={onClose}
      submit={({ reason }) =>
        unwrap(
          api.POST('/api/v1/housing-requests/{id}/cancel', {
            params: { path: { id: request!.id } },
            body: { reason: reason.trim() || undefined },
          }),
        )
      }
    >
      <Textarea
        label={t('housing.cancelReason')}
        autosize
        minRows={2}
        maxLength={500}
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

/** The case's housing requests and, for its coordinator, "Demander un hébergement". */
export function CaseHousing({ caseFile }: { caseFile: Schemas['CaseDto'] }) {
  const { t } = useTranslation();
  const { has } = useSession();
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState<HousingRequest>();
  const coordinator = has('coordinator');
  const { data, failure, reload } = useRead(
    () =>
      coordinator
        ? unwrap(
            api.GET('/api/v1/cases/{caseId}/housing-requests', {
              params: { path: { caseId: caseFile.id }, query: { page: 1, pageSize: 50 } },
            }),
          )
        : Promise.resolve(undefined),
    `${caseFile.id}:${coordinator}`,
  );
  if (!coordinator) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="case-housing-title">
      <Group justify="space-between">
        <Title order={3} id="case-housing-title">
          {t('housing.caseTitle')}
        </Title>
        {caseFile.status !== 'closed' && (
          <Button variant="default" onClick={() => setAsking(true)}>
            {t('housing.request')}
          </Button>
        )}
      </Group>
      <ProblemAlert problem={failure} />
      {!data && !failure && <Waiting size="sm" />}
      {data && (
        <RequestsTable
          requests={data.items}
          caption={t('housing.caseCaption')}
          actions={(r) =>
            r.status === 'waiting' && (
              <Button size="xs" variant="default" color="red" onClick={() => setCancelling(r)}>
                {t('housing.cancel')}
              </Button>
            )
          }
        />
      )}
      <CancelModal
        request={cancelling}
        onClose={(done) => {
          setCancelling(undefined);
          if (done) reload();
        }}
      />
      <RequestModal
        caseFile={caseFile}
        opened={asking}
        onClose={(done) => {
          setAsking(false);
          if (done) reload();
        }}
      />
    </Stack>
  );
}
