import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { api, unwrap } from '../../api/client';
import { LevelBadge } from '../../components/LevelBadge';
import { PageProblem } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { usePageTitle } from '../../layout/usePageTitle';
import { Waiting } from '../../layout/Waiting';
import { useSession } from '../../session/session';
import { CaseAssessments } from '../assessment/CaseAssessments';
import { CaseHousing } from '../housing/CaseHousing';
import { CaseReferrals } from '../referrals/CaseReferrals';
import { CaseTgd } from '../tgd/CaseTgd';
import { CaseObligations } from '../worklist/CaseObligations';
import { AuthorTrack } from './AuthorTrack';
import { CaseChildren } from './CaseChildren';
import { CaseFileView } from './CaseFileView';
import type { CaseFile } from './caseForm';
import {
  CaseHistory,
  CloseModal,
  IncidentModal,
  PendingTransfer,
  RepeatAlert,
  TransferModal,
} from './CaseLifecycle';
import { StatusBadge, victimName } from './CasesPage';

/** The level in force of the case's latest submitted assessment, when there is one. */
function CaseLevel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { data } = useRead(
    () => unwrap(api.GET('/api/v1/cases/{caseId}/assessments', { params: { path: { caseId } } })),
    caseId,
  );
  const latest = data?.find((a) => a.status === 'submitted' && a.levelLabel);
  if (!data) return null;
  if (!latest)
    return (
      <Badge variant="outline" color="gray" tt="none">
        {t('cases.noLevel')}
      </Badge>
    );
  return (
    <LevelBadge
      rank={latest.levelRank ?? 0}
      count={latest.levelCount ?? 1}
      label={t('common.levelNamed', { level: latest.levelLabel })}
      size="md"
    />
  );
}

/** Where a jump link lands, clear of the sticky header; the panels title themselves. */
function Anchored({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} style={{ scrollMarginTop: 200 }}>
      {children}
    </div>
  );
}

const PANELS = [
  'file',
  'children',
  'authorTrack',
  'history',
  'assessments',
  'tgd',
  'obligations',
] as const;

/** The case: its file read-only, then its assessments, its Grave Danger Phone, its deadlines. */
export default function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { has } = useSession();
  const { day, moment } = useDates();
  const [dialog, setDialog] = useState<'close' | 'incident' | 'transfer'>();
  const [closed, setClosed] = useState<CaseFile>();
  const { data, failure } = useRead(
    () => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
    id,
  );
  const file: CaseFile | undefined =
    closed?.id === id ? closed : data?.id === id ? data : undefined;
  usePageTitle(file ? t('cases.caseTitle', { reference: file.reference }) : t('cases.title'));
  if (failure)
    return (
      <PageProblem title={t('cases.title')} problem={t('cases.notFound')}>
        <Anchor component={Link} to="/cases">
          {t('cases.backToList')}
        </Anchor>
      </PageProblem>
    );
  if (!file) return <Waiting />;
  const coordinator = has('coordinator') && file.status !== 'closed';
  /** A dialog's answer: the case as it is now, said in a notice. */
  const changed = (next: CaseFile | undefined, message: string) => {
    setDialog(undefined);
    if (!next) return;
    setClosed(next);
    notifications.show({
      color: 'green',
      message,
      closeButtonProps: { 'aria-label': t('common.close') },
    });
  };
  return (
    <Stack>
      <Card withBorder component="header" pos="sticky" top={60} style={{ zIndex: 2 }}>
        <Group justify="space-between" align="start">
          <Stack gap={6}>
            <Title order={2}>{t('cases.caseTitle', { reference: file.reference })}</Title>
            <Group gap="xs">
              <StatusBadge status={file.status} />
              <CaseLevel caseId={file.id} />
              <Text size="sm">
                {victimName(file)} · {file.jurisdiction} ·{' '}
                {t('cases.coordinator', { name: file.coordinatorName ?? file.coordinatorId })} ·{' '}
                {t('cases.createdOn', { date: day(file.createdAt) })}
              </Text>
            </Group>
          </Stack>
          {has('coordinator') && (
            <Group>
              {coordinator && (
                <Button component={Link} to={`/cases/${file.id}/edit`}>
                  {t('cases.edit')}
                </Button>
              )}
              <Button variant="outline" onClick={() => setDialog('incident')}>
                {t('cases.lifecycle.incident')}
              </Button>
              {coordinator && !file.pendingTransfer && file.status !== 'enrolled' && (
                <Button variant="outline" onClick={() => setDialog('transfer')}>
                  {t('cases.lifecycle.transfer')}
                </Button>
              )}
              {coordinator && (
                <Button variant="outline" color="red" onClick={() => setDialog('close')}>
                  {t('cases.close')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        <Group component="nav" aria-label={t('cases.section.jump')} gap="md" mt="xs">
          {PANELS.map((panel) => (
            <Anchor key={panel} href={`#case-panel-${panel}`} size="sm">
              {t(`cases.section.${panel}`)}
            </Anchor>
          ))}
        </Group>
      </Card>
      <RepeatAlert file={file} />
      <PendingTransfer
        file={file}
        canAct={coordinator}
        onChanged={(next) => changed(next, t('cases.lifecycle.withdrawn'))}
      />
      {file.status === 'closed' && (
        <Alert color="gray" title={t('cases.closedOn', { date: moment(file.closedAt) })}>
          {file.closeReason}
        </Alert>
      )}
      <Anchored id="case-panel-file">
        <Stack component="section" aria-labelledby="case-file-title" gap="sm">
          <Title order={3} id="case-file-title">
            {t('cases.section.file')}
          </Title>
          <CaseFileView file={file} />
        </Stack>
      </Anchored>
      <Anchored id="case-panel-children">
        <CaseChildren
          file={file}
          canAct={coordinator}
          onChanged={(next) => changed(next, t('cases.children.recorded'))}
        />
      </Anchored>
      <Anchored id="case-panel-authorTrack">
        <AuthorTrack
          file={file}
          canAct={coordinator}
          onChanged={(next) => changed(next, t('cases.author.recorded'))}
        />
      </Anchored>
      <Anchored id="case-panel-history">
        <CaseHistory file={file} />
      </Anchored>
      <Anchored id="case-panel-assessments">
        <CaseAssessments caseFile={file} />
      </Anchored>
      <Anchored id="case-panel-tgd">
        <CaseTgd caseFile={file} />
      </Anchored>
      <CaseReferrals caseFile={file} />
      <Anchored id="case-panel-obligations">
        <CaseObligations caseFile={file} />
      </Anchored>
      <CaseHousing caseFile={file} />
      <CloseModal
        file={file}
        opened={dialog === 'close'}
        onClose={(done) =>
          changed(done, t('cases.closedOn', { date: moment(done?.closedAt ?? null) }))
        }
      />
      <IncidentModal
        file={file}
        opened={dialog === 'incident'}
        onClose={(done) =>
          changed(
            done,
            file.status === 'closed' && done?.status !== 'closed'
              ? t('cases.lifecycle.reopened')
              : t('cases.lifecycle.incidentRecorded'),
          )
        }
      />
      <TransferModal
        file={file}
        opened={dialog === 'transfer'}
        onClose={(done) => changed(done, t('cases.lifecycle.transferAsked'))}
      />
    </Stack>
  );
}
