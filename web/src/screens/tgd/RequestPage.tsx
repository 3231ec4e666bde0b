import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { api, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { LevelBadge } from '../../components/LevelBadge';
import { PdfButton } from '../../components/PdfButton';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { announceRequestsChanged, useRequestsChanged } from './events';
import { RecommendationView, RedFlags, requestStatusColor, type TgdRequest } from './parts';

const MAX_MONTHS = 6;

/** The prosecutor's decision in a dialog: reasons (10 characters at least) and, to grant, months. */
function DecisionModal({
  request,
  decision,
  onClose,
}: {
  request: TgdRequest;
  decision?: 'approve' | 'reject';
  onClose(decided: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { reasons: '', months: MAX_MONTHS as number | string },
    validate: {
      reasons: (value) => (value.trim().length >= 10 ? null : t('tgd.request.reasonsShort')),
      months: (value) =>
        decision === 'reject' ||
        (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= MAX_MONTHS)
          ? null
          : t('tgd.request.monthsRange'),
    },
  });
  return (
    <FormModal
      opened={Boolean(decision)}
      title={decision === 'approve' ? t('tgd.request.approveTitle') : t('tgd.request.rejectTitle')}
      form={form}
      submit={async ({ reasons, months }) => {
        if (!decision) return;
        await unwrap(
          api.POST('/api/v1/tgd-requests/{id}/decision', {
            params: { path: { id: request.id } },
            body: {
              decision,
              reasons: reasons.trim(),
              ...(decision === 'approve' ? { months: Number(months) } : {}),
            },
          }),
        );
        announceRequestsChanged(request.caseId);
      }}
      onClose={onClose}
      confirm={
        decision === 'approve' ? t('tgd.request.confirmApprove') : t('tgd.request.confirmReject')
      }
      danger={decision === 'reject'}
    >
      <Textarea
        label={t('tgd.request.reasons')}
        description={t('tgd.request.reasonsHint')}
        required
        autosize
        minRows={3}
        maxLength={4000}
        data-autofocus
        {...form.getInputProps('reasons')}
      />
      {decision === 'approve' && (
        <NumberInput
          label={t('tgd.request.months')}
          description={t('tgd.request.monthsHint')}
          min={1}
          max={MAX_MONTHS}
          allowDecimal={false}
          clampBehavior="strict"
          required
          {...form.getInputProps('months')}
        />
      )}
    </FormModal>
  );
}

function AllocationLine({ id }: { id: string }) {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  const { data, failure } = useRead(
    () => unwrap(api.GET('/api/v1/allocations/{id}', { params: { path: { id } } })),
    id,
  );
  if (failure) return <ProblemAlert problem={failure} />;
  if (!data) return <Waiting size="xs" />;
  return (
    <Text data-testid="allocation-created">
      {t('tgd.request.allocationDates', { from: day(data.startsAt), to: day(data.endsAt) })} ·{' '}
      {t(`tgd.allocationStatus.${data.status}`)}
    </Text>
  );
}

/**
 * A TGD request: the assessment it rests on (level, red flags, recommendation, legal conditions,
 * report), the coordinator's note; the prosecutor grants or refuses; then the decision and its PDF.
 */
export default function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { has } = useSession();
  const { longDay: day } = useDates();
  const [deciding, setDeciding] = useState<'approve' | 'reject'>();
  const [decided, setDecided] = useState(false);
  const {
    data: request,
    failure,
    reload,
  } = useRead(() => unwrap(api.GET('/api/v1/tgd-requests/{id}', { params: { path: { id } } })), id);
  // A colleague's decision shows here as soon as it is taken (the live feed announces it); until
  // the request is read its case is unknown, so any change reads it again.
  useRequestsChanged(reload, request?.caseId);
  const assessmentId = request?.assessmentId ?? '';
  const recommendation = useRead(
    () =>
      assessmentId
        ? unwrap(
            api.GET('/api/v1/assessments/{id}/recommendation', {
              params: { path: { id: assessmentId } },
            }),
          )
        : Promise.resolve(undefined),
    assessmentId,
  );
  usePageTitle(
    request
      ? t('tgd.request.title', { reference: request.caseReference })
      : t('tgd.request.titleLoading'),
  );
  if (failure)
    return (
      <Stack>
        <Title order={2}>{t('tgd.request.titleLoading')}</Title>
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      </Stack>
    );
  if (!request) return <Waiting />;
  const pending = request.status === 'pending';
  return (
    <Stack>
      <Title order={2}>{t('tgd.request.title', { reference: request.caseReference })}</Title>
      <Group gap="sm">
        <Badge color={requestStatusColor(request.status)} variant="filled" data-testid="status">
          {t(`tgd.status.${request.status}`)}
        </Badge>
        <LevelBadge
          rank={request.levelRank}
          count={request.levelCount}
          label={t('common.levelNamed', { level: request.levelLabel })}
          size="md"
        />
        <Anchor component={Link} to={`/cases/${request.caseId}`}>
          {t('tgd.request.caseLink')}
        </Anchor>
      </Group>
      <Text>
        {t('tgd.request.filedBy', {
          who: request.filedByName ?? request.filedBy,
          when: day(request.filedAt),
        })}{' '}
        · {t('tgd.request.consent', { when: day(request.consentRecordedAt) })}
      </Text>
      <RedFlags flags={request.redFlags} />
      <PdfButton
        path={`/api/v1/assessments/${request.assessmentId}/report.pdf`}
        filename={`rapport-${request.caseReference}.pdf`}
        label={t('tgd.report')}
      />

      <Card withBorder component="section" aria-labelledby="note-title">
        <Title order={3} size="h4" id="note-title">
          {t('tgd.request.note')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{request.note ?? t('tgd.request.noNote')}</Text>
      </Card>

      {decided && (
        <Alert color="green" role="status">
          {t('tgd.request.decided')}
        </Alert>
      )}
      {pending && has('prosecutor') && (
        <Group>
          <Button onClick={() => setDeciding('approve')}>{t('tgd.request.approve')}</Button>
          <Button color="red" variant="outline" onClick={() => setDeciding('reject')}>
            {t('tgd.request.reject')}
          </Button>
        </Group>
      )}

      {!pending && (
        <Card withBorder component="section" aria-labelledby="decision-title">
          <Stack gap="xs">
            <Title order={3} size="h4" id="decision-title">
              {t('tgd.request.decision')} : {t(`tgd.status.${request.status}`)}
            </Title>
            <Text>
              {t('tgd.request.decidedBy', {
                who: request.decidedByName ?? request.decidedBy ?? '—',
                when: day(request.decidedAt),
              })}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="decision-reasons">
              {request.decisionReasons}
            </Text>
            <PdfButton
              path={`/api/v1/tgd-requests/${request.id}/decision.pdf`}
              filename={`decision-${request.caseReference}.pdf`}
              label={t('tgd.request.decisionPdf')}
            />
            {request.allocationId && (
              <>
                <Title order={4} size="h5">
                  {t('tgd.request.allocation')}
                </Title>
                <AllocationLine id={request.allocationId} />
              </>
            )}
          </Stack>
        </Card>
      )}

      <Card withBorder component="section">
        <ProblemAlert problem={recommendation.failure} />
        {!recommendation.data && !recommendation.failure && <Waiting size="sm" />}
        {recommendation.data && (
          <RecommendationView
            recommendation={recommendation.data}
            bans={request.contactBansInForce}
          />
        )}
      </Card>

      <DecisionModal
        request={request}
        decision={deciding}
        onClose={(done) => {
          setDeciding(undefined);
          if (done) {
            setDecided(true);
            reload();
          }
        }}
      />
    </Stack>
  );
}
