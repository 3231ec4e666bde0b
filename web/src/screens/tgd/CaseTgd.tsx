import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { LevelBadge } from '../../components/LevelBadge';
import { PdfButton } from '../../components/PdfButton';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { type AllocationAction, AllocationActionModal, DeviceInHand } from './AllocationActions';
import { announceRequestsChanged, useRequestsChanged } from './events';
import { type Allocation, RecommendationView, RedFlags, requestStatusColor } from './parts';

type Assessment = Schemas['AssessmentDto'];

/** The red flags a submitted assessment's result names (the result is an open object). */
function redFlagsOf(assessment: Assessment): Array<{ flag: string; label: string }> {
  const result = assessment.result as { redFlags?: Array<{ flag: string; label: string }> } | null;
  return result?.redFlags ?? [];
}

function FileRequestModal({
  caseId,
  assessment,
  opened,
  onClose,
}: {
  caseId: string;
  assessment: Assessment;
  opened: boolean;
  onClose(filed: boolean): void;
}) {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  const form = useForm({ initialValues: { note: '' } });
  return (
    <FormModal
      opened={opened}
      title={t('tgd.case.requestTitle')}
      form={form}
      submit={async ({ note }) => {
        await unwrap(
          api.POST('/api/v1/cases/{caseId}/tgd-requests', {
            params: { path: { caseId } },
            body: { assessmentId: assessment.id, note: note.trim() || undefined },
          }),
        );
        announceRequestsChanged(caseId);
      }}
      onClose={onClose}
      confirm={t('tgd.case.send')}
      problemTestId="request-problem"
    >
      <Text size="sm">
        {t('tgd.case.requestIntro', {
          when: day(assessment.submittedAt),
          level: assessment.levelLabel,
        })}
      </Text>
      <Textarea
        label={t('tgd.case.note')}
        description={t('tgd.case.noteHint')}
        autosize
        minRows={3}
        maxLength={4000}
        data-autofocus
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}

function AllocationCard({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  const { has } = useSession();
  const [action, setAction] = useState<AllocationAction>();
  const {
    data: allocation,
    failure,
    reload,
  } = useRead(() => unwrap(api.GET('/api/v1/allocations/{id}', { params: { path: { id } } })), id);
  if (failure) return <ProblemAlert problem={failure} />;
  if (!allocation) return <Waiting size="sm" />;
  const active = allocation.status === 'active';
  const coordinator = has('coordinator');
  return (
    <Stack gap="xs" data-testid="allocation" data-status={allocation.status}>
      <Group gap="xs">
        <Title order={4} size="h5">
          {t('tgd.case.allocation')}
        </Title>
        <Badge color={active ? 'green' : 'navy'} variant="filled">
          {t(`tgd.allocationStatus.${allocation.status}`)}
        </Badge>
      </Group>
      <Text>
        {t('tgd.allocation.from', { from: day(allocation.startsAt), to: day(allocation.endsAt) })} ·{' '}
        {t('tgd.allocation.renewals', { count: allocation.renewals })}
      </Text>
      {allocation.endedAt && (
        <Text>
          {t('tgd.allocation.endedOn', {
            when: day(allocation.endedAt),
            reason: t(`tgd.endReason.${allocation.endReason}`),
          })}
        </Text>
      )}
      <Text fw={600} size="sm">
        {t('tgd.allocation.device')}
      </Text>
      <DeviceInHand allocation={allocation} />
      {coordinator && (
        <Group>
          {active && !allocation.device && (
            <Button onClick={() => setAction('handOver')}>{t('tgd.allocation.handOver')}</Button>
          )}
          {active && allocation.device && (
            <Button variant="light" onClick={() => setAction('swap')}>
              {t('tgd.allocation.swap')}
            </Button>
          )}
          {allocation.device && (
            <Button variant="light" onClick={() => setAction('takeBack')}>
              {t('tgd.allocation.takeBack')}
            </Button>
          )}
        </Group>
      )}
      <AllocationActionModal
        allocation={allocation as Allocation}
        action={action}
        onClose={(changed) => {
          setAction(undefined);
          if (changed) {
            reload();
            onChanged();
          }
        }}
      />
    </Stack>
  );
}

/**
 * The TGD on the case page: the recommendation of the latest submitted assessment, the coordinator's
 * request to the prosecutor, the case's requests and decisions, the allocation and its device.
 */
export function CaseTgd({ caseFile }: { caseFile: Schemas['CaseDto'] }) {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  const { has } = useSession();
  const [filing, setFiling] = useState(false);
  const [filed, setFiled] = useState(false);
  const caseId = caseFile.id;
  const assessments = useRead(
    () => unwrap(api.GET('/api/v1/cases/{caseId}/assessments', { params: { path: { caseId } } })),
    caseId,
  );
  const latest = assessments.data?.find((a) => a.status === 'submitted' && !a.supersededBy);
  const recommendation = useRead(
    () =>
      latest
        ? unwrap(
            api.GET('/api/v1/assessments/{id}/recommendation', {
              params: { path: { id: latest.id } },
            }),
          )
        : Promise.resolve(undefined),
    latest?.id ?? '',
  );
  const requests = useRead(
    () => unwrap(api.GET('/api/v1/cases/{caseId}/tgd-requests', { params: { path: { caseId } } })),
    caseId,
  );
  // The prosecutor's decision shows here as soon as it is taken (the live feed announces it).
  useRequestsChanged(requests.reload, caseId);
  const approved = requests.data?.find((r) => r.allocationId);
  const pending = requests.data?.some((r) => r.status === 'pending');
  const loading = !assessments.data || !requests.data;
  const failure = assessments.failure ?? requests.failure;
  return (
    <Card withBorder component="section" aria-labelledby="case-tgd-title" data-testid="case-tgd">
      <Stack>
        <Title order={3} id="case-tgd-title">
          {t('tgd.case.title')}
        </Title>
        <ProblemAlert problem={failure} />
        {loading && !failure && <Waiting size="sm" />}
        {assessments.data && !latest && <Text>{t('tgd.case.noAssessment')}</Text>}
        {latest && (
          <Stack gap="xs">
            <Group gap="xs">
              <Text>{t('tgd.case.assessment', { when: day(latest.submittedAt) })}</Text>
              <LevelBadge
                rank={latest.levelRank ?? 0}
                count={latest.levelCount ?? 1}
                label={latest.levelLabel ?? ''}
                size="md"
              />
            </Group>
            <RedFlags flags={redFlagsOf(latest)} />
            <PdfButton
              path={`/api/v1/assessments/${latest.id}/report.pdf`}
              filename={`rapport-${caseFile.reference}.pdf`}
              label={t('tgd.report')}
            />
            <ProblemAlert problem={recommendation.failure} />
            {recommendation.data && (
              <RecommendationView recommendation={recommendation.data} headingOrder={4} />
            )}
          </Stack>
        )}
        {filed && (
          <Alert color="green" role="status">
            {t('tgd.case.sent')}
          </Alert>
        )}
        {has('coordinator') &&
          latest &&
          requests.data &&
          !pending &&
          caseFile.status === 'open' && (
            <Group>
              <Button onClick={() => setFiling(true)}>{t('tgd.case.request')}</Button>
            </Group>
          )}
        {latest && (
          <FileRequestModal
            caseId={caseId}
            assessment={latest}
            opened={filing}
            onClose={(done) => {
              setFiling(false);
              if (done) {
                setFiled(true);
                requests.reload();
              }
            }}
          />
        )}

        <Title order={4} size="h5">
          {t('tgd.case.requests')}
        </Title>
        {requests.data && requests.data.length === 0 && <Text>{t('tgd.case.noRequest')}</Text>}
        {requests.data && requests.data.length > 0 && (
          <Table data-testid="case-requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tgd.case.filed')}</Table.Th>
                <Table.Th scope="col">{t('tgd.queue.level')}</Table.Th>
                <Table.Th scope="col">{t('tgd.request.status')}</Table.Th>
                <Table.Th scope="col">{t('tgd.case.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tgd-requests/${request.id}`}>
                      {day(request.filedAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{request.levelLabel}</Table.Td>
                  <Table.Td>
                    <Badge color={requestStatusColor(request.status)} variant="filled">
                      {t(`tgd.status.${request.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {request.status === 'pending' ? (
                      '—'
                    ) : (
                      <Stack gap={4}>
                        <Text size="sm">
                          {day(request.decidedAt)} — {request.decisionReasons}
                        </Text>
                        <PdfButton
                          path={`/api/v1/tgd-requests/${request.id}/decision.pdf`}
                          filename={`decision-${caseFile.reference}.pdf`}
                          label={t('tgd.request.decisionPdf')}
                        />
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {requests.data && !approved && <Text>{t('tgd.case.noAllocation')}</Text>}
        {approved?.allocationId && (
          <AllocationCard id={approved.allocationId} onChanged={requests.reload} />
        )}
      </Stack>
    </Card>
  );
}
