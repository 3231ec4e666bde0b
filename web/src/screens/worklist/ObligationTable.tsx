import { Badge, Button, Group, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Schemas, unwrap } from '../../api/client';
import { CaseReference } from '../../components/CaseReference';
import { FormModal } from '../../components/FormModal';
import { useDates } from '../../layout/format';

export type Obligation = Schemas['ObligationDto'];
type Closing = { obligation: Obligation; action: 'complete' | 'waive' };

const STATE_COLOURS: Record<Obligation['state'], string> = {
  overdue: 'red',
  due: 'orange',
  upcoming: 'gray',
};

/** Completes (with what was done) or waives (with why it does not apply) one obligation. */
function CloseObligationModal({
  closing,
  onClose,
}: {
  closing?: Closing;
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { text: '' },
    validate: { text: (value) => (value.trim() ? null : t('worklist.textRequired')) },
  });
  const action = closing?.action ?? 'complete';
  return (
    <FormModal
      opened={Boolean(closing)}
      title={t(`worklist.${action}Title`)}
      form={form}
      submit={async ({ text }) => {
        if (!closing) return;
        const params = { path: { id: closing.obligation.id } };
        await unwrap(
          action === 'complete'
            ? api.POST('/api/v1/obligations/{id}/complete', { params, body: { note: text } })
            : api.POST('/api/v1/obligations/{id}/waive', { params, body: { reason: text } }),
        );
      }}
      onClose={onClose}
      confirm={t(`worklist.${action}`)}
    >
      <Text fw={600}>{closing?.obligation.title}</Text>
      <Textarea
        label={t(`worklist.${action}Text`)}
        // Checked by the form, so that the message shows beside the field, in French.
        withAsterisk
        aria-required
        autosize
        minRows={3}
        maxLength={4000}
        data-autofocus
        {...form.getInputProps('text')}
      />
    </FormModal>
  );
}

/**
 * Follow-up obligations with their state and deadline; open ones can be completed or waived.
 * `caseLabel` names the case of each row (the worklist spans cases; a case's own list does not).
 */
export function ObligationTable({
  obligations,
  caption,
  onChanged,
  caseLabel,
}: {
  obligations: Obligation[];
  caption: string;
  onChanged(): void;
  caseLabel?: (obligation: Obligation) => string;
}) {
  const { t } = useTranslation();
  const { longDay } = useDates();
  const [closing, setClosing] = useState<Closing>();
  return (
    <>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('worklist.obligation')}</Table.Th>
            {caseLabel && <Table.Th scope="col">{t('worklist.case')}</Table.Th>}
            <Table.Th scope="col">{t('worklist.dueAt')}</Table.Th>
            <Table.Th scope="col">{t('worklist.state')}</Table.Th>
            <Table.Th scope="col">{t('worklist.responsible')}</Table.Th>
            <Table.Th scope="col">{t('worklist.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {obligations.map((obligation) => (
            <Table.Tr key={obligation.id} data-testid="obligation-row">
              <Table.Td>
                <Text fw={600}>{obligation.title}</Text>
                {obligation.note && <Text size="sm">{obligation.note}</Text>}
              </Table.Td>
              {caseLabel && (
                <Table.Td>
                  <CaseReference
                    to={`/cases/${obligation.caseId}`}
                    reference={caseLabel(obligation)}
                  />
                </Table.Td>
              )}
              <Table.Td>{longDay(obligation.dueAt)}</Table.Td>
              <Table.Td>
                {obligation.status === 'open' ? (
                  <Badge color={STATE_COLOURS[obligation.state]}>
                    {t(`worklist.states.${obligation.state}`)}
                  </Badge>
                ) : (
                  <Badge variant="outline" color="gray">
                    {t(`worklist.statuses.${obligation.status}`)}
                    {obligation.closedAt && ` · ${longDay(obligation.closedAt)}`}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t(`worklist.responsibles.${obligation.responsible}`)}</Table.Td>
              <Table.Td>
                {obligation.status === 'open' && (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      onClick={() => setClosing({ obligation, action: 'complete' })}
                      aria-label={`${t('worklist.complete')} : ${obligation.title}`}
                    >
                      {t('worklist.complete')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setClosing({ obligation, action: 'waive' })}
                      aria-label={`${t('worklist.waive')} : ${obligation.title}`}
                    >
                      {t('worklist.waive')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <CloseObligationModal
        closing={closing}
        onClose={(done) => {
          setClosing(undefined);
          if (done) onChanged();
        }}
      />
    </>
  );
}
