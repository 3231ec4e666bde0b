import { Badge, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useDates } from '../../layout/format';
import type { CaseFile, CasePanelProps } from './caseForm';

type Author = Schemas['AuthorDto'];
type Step = 'cellOffered' | 'cellTakenUp' | 'courseOrdered' | 'courseCompleted' | 'bar';
const PARTNER_ID = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
const today = () => new Date().toISOString().slice(0, 10);

/** The steps a coordinator may record next, in the order of the track. */
function nextSteps(author: Author | null): Step[] {
  const steps: Step[] = [];
  if (!author?.authorsCell) steps.push('cellOffered');
  else if (!author.authorsCell.takenUpOn) steps.push('cellTakenUp');
  if (!author?.responsibilityCourse) steps.push('courseOrdered');
  else if (!author.responsibilityCourse.completedOn) steps.push('courseCompleted');
  steps.push('bar');
  return steps;
}

/** What the PATCH of the author holds for a step, from the dialog's values. */
function authorPatch(author: Author | null, step: Step, v: StepValues): Schemas['UpdateCaseDto'] {
  switch (step) {
    case 'cellOffered':
      return { author: { authorsCell: { partnerId: v.partnerId.trim(), offeredOn: v.on } } };
    case 'cellTakenUp':
      return { author: { authorsCell: { ...author!.authorsCell!, takenUpOn: v.on } } };
    case 'courseOrdered':
      return {
        author: {
          responsibilityCourse: { orderedOn: v.on, reference: v.reference.trim() || undefined },
        },
      };
    case 'courseCompleted':
      return {
        author: { responsibilityCourse: { ...author!.responsibilityCourse!, completedOn: v.on } },
      };
    case 'bar':
      return {
        author: {
          judicialMeasures: [
            ...(author?.judicialMeasures ?? []),
            {
              type: 'anti_approach_bracelet',
              issuedAt: v.on,
              expiresAt: v.until || undefined,
              reference: v.reference.trim() || undefined,
            },
          ],
        },
      };
  }
}

interface StepValues extends Record<string, unknown> {
  on: string;
  until: string;
  partnerId: string;
  reference: string;
}

function StepModal({
  file,
  step,
  onClose,
}: {
  file: CaseFile;
  step?: Step;
  onClose(changed?: CaseFile): void;
}) {
  const { t } = useTranslation();
  const author = file.author ?? null;
  const after =
    step === 'cellTakenUp'
      ? author?.authorsCell?.offeredOn
      : step === 'courseCompleted'
        ? author?.responsibilityCourse?.orderedOn
        : undefined;
  const form = useForm<StepValues>({
    initialValues: { on: today(), until: '', partnerId: '', reference: '' },
    validate: {
      on: (v) =>
        !v
          ? t('fieldErrors.required')
          : after && v < after
            ? t('cases.author.errors.before', { date: after })
            : null,
      until: (v, values) =>
        step === 'bar' && v && v < values.on ? t('cases.author.errors.untilBefore') : null,
      partnerId: (v) =>
        step !== 'cellOffered'
          ? null
          : !v.trim()
            ? t('fieldErrors.required')
            : PARTNER_ID.test(v.trim())
              ? null
              : t('cases.children.errors.partner'),
    },
  });
  if (!step) return null;
  return (
    <FormModal
      opened
      title={t(`cases.author.title.${step}`)}
      form={form}
      submit={async (values) => {
        return unwrap(
          api.PATCH('/api/v1/cases/{id}', {
            params: { path: { id: file.id } },
            body: { ...authorPatch(author, step, values), expectedVersion: file.version },
          }),
        );
      }}
      onClose={(_, result) => onClose(result)}
      confirm={t('cases.author.record')}
    >
      {step === 'cellOffered' && (
        <TextInput
          label={t('cases.author.field.partnerId')}
          description={t('cases.children.field.partnerHint')}
          required
          data-autofocus
          {...form.getInputProps('partnerId')}
        />
      )}
      <TextInput
        type="date"
        label={t(`cases.author.field.on.${step}`)}
        required
        {...form.getInputProps('on')}
      />
      {step === 'bar' && (
        <TextInput
          type="date"
          label={t('cases.author.field.until')}
          {...form.getInputProps('until')}
        />
      )}
      {(step === 'bar' || step === 'courseOrdered') && (
        <TextInput
          label={t('cases.author.field.reference')}
          maxLength={100}
          {...form.getInputProps('reference')}
        />
      )}
    </FormModal>
  );
}

/** The author's track: measures in force, the authors' cell, the responsibility course, the BAR. */
export function AuthorTrack({ file, canAct, onChanged }: CasePanelProps) {
  const { t } = useTranslation();
  const { day } = useDates();
  const [step, setStep] = useState<Step>();
  const author = file.author ?? null;
  const now = today();
  const measures = author?.judicialMeasures ?? [];
  const cell = author?.authorsCell;
  const course = author?.responsibilityCourse;
  return (
    <Stack component="section" aria-labelledby="case-author-track-title" gap="sm">
      <Title order={3} id="case-author-track-title">
        {t('cases.author.panel')}
      </Title>
      <Title order={4}>{t('cases.field.measures')}</Title>
      {measures.length === 0 ? (
        <Text size="sm">{t('cases.author.noMeasure')}</Text>
      ) : (
        <List size="sm" data-testid="author-measures">
          {measures.map((m, i) => {
            const inForce = m.issuedAt <= now && (!m.expiresAt || m.expiresAt >= now);
            return (
              <List.Item key={i}>
                {t(`measure.${m.type}`)} ·{' '}
                {m.expiresAt
                  ? t('cases.author.fromTo', { from: day(m.issuedAt), to: day(m.expiresAt) })
                  : t('cases.author.from', { from: day(m.issuedAt) })}{' '}
                <Badge size="sm" variant="light" color={inForce ? 'green' : 'gray'} tt="none">
                  {t(inForce ? 'cases.author.inForce' : 'cases.author.notInForce')}
                </Badge>
              </List.Item>
            );
          })}
        </List>
      )}
      <Text size="sm" data-testid="authors-cell">
        <strong>{t('cases.author.cell')} : </strong>
        {!cell
          ? t('cases.author.cellNone')
          : cell.takenUpOn
            ? t('cases.author.cellTakenUp', {
                offered: day(cell.offeredOn),
                taken: day(cell.takenUpOn),
                partner: cell.partnerId ?? '',
              })
            : t('cases.author.cellOffered', {
                offered: day(cell.offeredOn),
                partner: cell.partnerId ?? '',
              })}
      </Text>
      <Text size="sm" data-testid="responsibility-course">
        <strong>{t('cases.author.course')} : </strong>
        {!course
          ? t('cases.author.courseNone')
          : course.completedOn
            ? t('cases.author.courseCompleted', {
                ordered: day(course.orderedOn),
                completed: day(course.completedOn),
              })
            : t('cases.author.courseOrdered', { ordered: day(course.orderedOn) })}
      </Text>
      {canAct && (
        <Group gap="xs">
          {nextSteps(author).map((s) => (
            <Button key={s} size="xs" variant="outline" onClick={() => setStep(s)}>
              {t(`cases.author.action.${s}`)}
            </Button>
          ))}
        </Group>
      )}
      <StepModal
        key={step ?? 'none'}
        file={file}
        step={step}
        onClose={(changed) => {
          setStep(undefined);
          if (changed) onChanged(changed);
        }}
      />
    </Stack>
  );
}
