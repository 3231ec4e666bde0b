import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { LongText } from '../../components/LongText';
import { useDates } from '../../layout/format';
import type { CaseFile, CasePanelProps } from './caseForm';

type Child = Schemas['ChildViewDto'];
type FollowUp = Schemas['ChildFollowUpDto'];
type Kind = FollowUp['kind'];

/** La cabane (STOPP VIF): the first Wednesday of the month, children aged 5 to 10. */
export const LA_CABANE = { minAge: 5, maxAge: 10 };
const PARTNER_ID = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
const today = () => new Date().toISOString().slice(0, 10);

function FollowUpLine({ entry }: { entry: FollowUp }) {
  const { t } = useTranslation();
  const { day } = useDates();
  switch (entry.kind) {
    case 'psychologist':
      return (
        <>
          {t('cases.children.line.psychologist', {
            partner: entry.partnerId,
            date: day(entry.firstAppointmentOn ?? null),
          })}{' '}
          {entry.ongoing && (
            <Badge variant="light" size="sm" tt="none">
              {t('cases.children.ongoing')}
            </Badge>
          )}
        </>
      );
    case 'workshop':
      return <>{t('cases.children.line.workshop', { date: day(entry.attendedOn ?? null) })}</>;
    case 'childrens_judge':
      return (
        <>
          {t('cases.children.line.childrens_judge', {
            date: day(entry.referredOn ?? null),
            by: entry.referredBy,
          })}
          {entry.reference ? ` · ${entry.reference}` : ''}
        </>
      );
  }
}

/** One child: who, and its follow-up; a coordinator adds entries. */
function ChildCard({
  child,
  index,
  canAct,
  onAdd,
}: {
  child: Child;
  index: number;
  canAct: boolean;
  onAdd(kind: Kind): void;
}) {
  const { t } = useTranslation();
  const name = child.firstName ?? t('cases.children.unnamed', { n: index + 1 });
  const titleId = `child-${child.id}-title`;
  return (
    <Card withBorder component="article" aria-labelledby={titleId} data-testid="child-card">
      <Stack gap="xs">
        <Group justify="space-between" align="start">
          <Stack gap={2}>
            <Title order={4} id={titleId}>
              {name}, {t('cases.ageValue', { count: child.age })}
            </Title>
            <Group gap="xs">
              {child.exposed && <Badge tt="none">{t('cases.children.exposed')}</Badge>}
              {child.victim && (
                <Badge tt="none" color="red">
                  {t('cases.children.victim')}
                </Badge>
              )}
            </Group>
            {child.schoolContact && (
              <Text size="sm">
                {t('cases.children.school', { name: child.schoolContact.name })}
                {child.schoolContact.phone ? ` · ${child.schoolContact.phone}` : ''}
              </Text>
            )}
          </Stack>
          {canAct && (
            <Group gap="xs">
              {(['psychologist', 'workshop', 'childrens_judge'] as const).map((kind) => (
                <Button
                  key={kind}
                  size="xs"
                  variant="outline"
                  onClick={() => onAdd(kind)}
                  aria-label={t(`cases.children.addFor.${kind}`, { name })}
                >
                  {t(`cases.children.add.${kind}`)}
                </Button>
              ))}
            </Group>
          )}
        </Group>
        {child.followUp.length === 0 ? (
          <Text size="sm">{t('cases.children.noFollowUp')}</Text>
        ) : (
          <Table data-testid="child-follow-up">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.children.kindColumn')}</Table.Th>
                <Table.Th scope="col">{t('cases.children.whatColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {child.followUp.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{t(`cases.children.kind.${entry.kind}`)}</Table.Td>
                  <Table.Td>
                    <FollowUpLine entry={entry} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/** Records one follow-up entry of one kind for a child. */
function FollowUpModal({
  file,
  child,
  kind,
  onClose,
}: {
  file: CaseFile;
  child?: Child;
  kind?: Kind;
  onClose(changed?: Child): void;
}) {
  const { t } = useTranslation();
  const required = (v: string) => (v ? null : t('fieldErrors.required'));
  const notFuture = (v: string) =>
    !v ? t('fieldErrors.required') : v > today() ? t('cases.children.errors.future') : null;
  const form = useForm({
    initialValues: {
      partnerId: '',
      firstAppointmentOn: '',
      ongoing: true,
      attendedOn: '',
      referredOn: '',
      referredBy: '',
      reference: '',
      note: '',
    },
    validate: {
      partnerId: (v) =>
        kind !== 'psychologist'
          ? null
          : !v
            ? t('fieldErrors.required')
            : PARTNER_ID.test(v.trim())
              ? null
              : t('cases.children.errors.partner'),
      firstAppointmentOn: (v) => (kind === 'psychologist' ? required(v) : null),
      attendedOn: (v) => {
        if (kind !== 'workshop') return null;
        if (child && (child.age < LA_CABANE.minAge || child.age > LA_CABANE.maxAge))
          return t('cases.children.errors.workshopAge', { age: child.age, ...LA_CABANE });
        return notFuture(v);
      },
      referredOn: (v) => (kind === 'childrens_judge' ? notFuture(v) : null),
      referredBy: (v) => (kind === 'childrens_judge' ? required(v.trim()) : null),
    },
  });
  if (!child || !kind) return null;
  const name = child.firstName ?? t('cases.children.unnamed', { n: 1 });
  const body = (v: typeof form.values): Schemas['ChildFollowUpInputDto'] => {
    const note = v.note.trim() || undefined;
    if (kind === 'psychologist')
      return {
        kind,
        partnerId: v.partnerId.trim(),
        firstAppointmentOn: v.firstAppointmentOn,
        ongoing: v.ongoing,
        note,
      };
    if (kind === 'workshop') return { kind, workshop: 'la_cabane', attendedOn: v.attendedOn, note };
    return {
      kind,
      referredOn: v.referredOn,
      referredBy: v.referredBy.trim(),
      reference: v.reference.trim() || undefined,
      note,
    };
  };
  return (
    <FormModal
      opened
      title={t(`cases.children.title.${kind}`, { name })}
      form={form}
      submit={async (values) => {
        return unwrap(
          api.POST('/api/v1/cases/{id}/children/{childId}/follow-up', {
            params: { path: { id: file.id, childId: child.id } },
            body: body(values),
          }),
        );
      }}
      onClose={(_, result) => onClose(result)}
      confirm={t('cases.children.record')}
    >
      {kind === 'psychologist' && (
        <>
          <TextInput
            label={t('cases.children.field.partnerId')}
            description={t('cases.children.field.partnerHint')}
            required
            data-autofocus
            {...form.getInputProps('partnerId')}
          />
          <TextInput
            type="date"
            label={t('cases.children.field.firstAppointmentOn')}
            required
            {...form.getInputProps('firstAppointmentOn')}
          />
          <Checkbox
            label={t('cases.children.field.ongoing')}
            {...form.getInputProps('ongoing', { type: 'checkbox' })}
          />
        </>
      )}
      {kind === 'workshop' && (
        <>
          <Text size="sm">{t('cases.children.laCabane')}</Text>
          <TextInput
            type="date"
            label={t('cases.children.field.attendedOn')}
            required
            data-autofocus
            {...form.getInputProps('attendedOn')}
          />
        </>
      )}
      {kind === 'childrens_judge' && (
        <>
          <TextInput
            type="date"
            label={t('cases.children.field.referredOn')}
            required
            data-autofocus
            {...form.getInputProps('referredOn')}
          />
          <TextInput
            label={t('cases.children.field.referredBy')}
            required
            maxLength={200}
            {...form.getInputProps('referredBy')}
          />
          <TextInput
            label={t('cases.children.field.reference')}
            maxLength={100}
            {...form.getInputProps('reference')}
          />
        </>
      )}
      <LongText label={t('cases.children.field.note')} {...form.getInputProps('note')} />
    </FormModal>
  );
}

/** The children of the case, each with its follow-up: psychologist, La cabane, children's judge. */
export function CaseChildren({ file, canAct, onChanged }: CasePanelProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<{ child: Child; kind: Kind }>();
  return (
    <Stack component="section" aria-labelledby="case-children-title" gap="sm">
      <Title order={3} id="case-children-title">
        {t('cases.children.panel')}
      </Title>
      {file.children.length === 0 && <Text size="sm">{t('cases.noChild')}</Text>}
      {file.children.map((child, i) => (
        <ChildCard
          key={child.id}
          child={child}
          index={i}
          canAct={canAct}
          onAdd={(kind) => setAdding({ child, kind })}
        />
      ))}
      <FollowUpModal
        key={adding ? `${adding.child.id}:${adding.kind}` : 'none'}
        file={file}
        child={adding?.child}
        kind={adding?.kind}
        onClose={async (changed) => {
          setAdding(undefined);
          if (changed)
            onChanged(
              await unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id: file.id } } })),
            );
        }}
      />
    </Stack>
  );
}
