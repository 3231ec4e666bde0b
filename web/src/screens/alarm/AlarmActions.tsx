import {
  Button,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type Alarm, api, unwrap } from '../../api/client';
import { LongText } from '../../components/LongText';
import { ProblemAlert } from '../../components/problems';

const OUTCOMES = ['intervention', 'false_alarm', 'test', 'technical', 'other'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Acknowledge, call the police with a note, resolve with an outcome and a note. */
export function AlarmActions({ alarm, onChange }: { alarm: Alarm; onChange(next: Alarm): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const police = useForm({ initialValues: { note: '', reference: '' } });
  const callBack = useForm({ initialValues: { answered: 'yes', note: '' } });
  const resolution = useForm({
    initialValues: { outcome: '' as Outcome | '', note: '' },
    validate: { outcome: (value) => (value ? null : t('actions.outcomeRequired')) },
  });
  const path = { params: { path: { id: alarm.id } } };

  const act = async (name: string, call: () => Promise<Alarm>) => {
    setBusy(name);
    setFailure(undefined);
    try {
      onChange(await call());
      // The control just used may be gone: the focus goes where the work goes on.
      document.getElementById(name === 'resolve' ? 'alarm-title' : 'actions-title')?.focus();
      return true;
    } catch (error) {
      setFailure((error as Error).message);
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  if (alarm.status === 'resolved') return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
      <Stack>
        <Title order={3} id="actions-title" tabIndex={-1}>
          {t('actions.title')}
        </Title>
        <ProblemAlert problem={failure} />
        {alarm.status === 'open' && (
          <Button
            size="lg"
            color="red"
            loading={busy === 'ack'}
            onClick={() => void act('ack', () => unwrap(api.POST('/api/v1/alarms/{id}/ack', path)))}
          >
            {t('actions.acknowledge')}
          </Button>
        )}
        <form
          onSubmit={callBack.onSubmit(async ({ answered, note }) => {
            const done = await act('callBack', () =>
              unwrap(
                api.POST('/api/v1/alarms/{id}/call-back', {
                  ...path,
                  body: { answered: answered === 'yes', note: note || undefined },
                }),
              ),
            );
            if (done) callBack.reset();
          })}
        >
          <Stack gap="xs">
            <Radio.Group label={t('actions.callBack')} {...callBack.getInputProps('answered')}>
              <Group mt={4}>
                <Radio value="yes" label={t('actions.answered')} />
                <Radio value="no" label={t('actions.notAnswered')} />
              </Group>
            </Radio.Group>
            <LongText label={t('actions.callBackNote')} {...callBack.getInputProps('note')} />
            <Group>
              <Button type="submit" variant="outline" loading={busy === 'callBack'}>
                {t('actions.recordCallBack')}
              </Button>
            </Group>
          </Stack>
        </form>
        <form
          onSubmit={police.onSubmit(async ({ note, reference }) => {
            const done = await act('police', () =>
              unwrap(
                api.POST('/api/v1/alarms/{id}/police', {
                  ...path,
                  body: { note: note || undefined, reference: reference || undefined },
                }),
              ),
            );
            if (done) police.reset();
          })}
        >
          <Stack gap="xs">
            <LongText label={t('actions.policeNote')} {...police.getInputProps('note')} />
            <TextInput
              label={t('actions.policeReference')}
              maxLength={64}
              {...police.getInputProps('reference')}
            />
            <Group>
              <Button type="submit" variant="outline" loading={busy === 'police'}>
                {alarm.policeCalledAt ? t('actions.policeAgain') : t('actions.police')}
              </Button>
            </Group>
          </Stack>
        </form>
        <form
          onSubmit={resolution.onSubmit(({ outcome, note }) =>
            act('resolve', () =>
              unwrap(
                api.POST('/api/v1/alarms/{id}/resolve', {
                  ...path,
                  body: { outcome: outcome as Outcome, note: note || undefined },
                }),
              ),
            ),
          )}
        >
          <Stack gap="xs">
            <Select
              label={t('actions.outcome')}
              required
              data={OUTCOMES.map((value) => ({ value, label: t(`alarm.outcome.${value}`) }))}
              {...resolution.getInputProps('outcome')}
            />
            <Textarea
              label={t('actions.resolutionNote')}
              autosize
              minRows={2}
              maxLength={4000}
              {...resolution.getInputProps('note')}
            />
            <Group>
              <Button type="submit" loading={busy === 'resolve'}>
                {t('actions.resolve')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
