import { Alert, Group, NumberInput, Radio, Select, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { api, unwrap } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { ProblemAlert } from '../../components/problems';
import { useRead } from '../../components/usePage';
import { useDates } from '../../layout/format';
import { Waiting } from '../../layout/Waiting';
import { type Allocation, END_REASONS, RETURN_CONDITIONS } from './parts';

export type AllocationAction = 'handOver' | 'swap' | 'takeBack' | 'renew' | 'end';

type Values = {
  deviceId: string;
  condition: string;
  reasons: string;
  months: number | string;
  reason: string;
  note: string;
};

/** The device in the victim's hands, by its serial number and model. */
export function DeviceInHand({ allocation }: { allocation: Allocation }) {
  const { t } = useTranslation();
  const { longDay: day } = useDates();
  const deviceId = allocation.device?.deviceId ?? '';
  const { data, failure } = useRead(
    () =>
      deviceId
        ? unwrap(api.GET('/api/v1/devices/{id}', { params: { path: { id: deviceId } } }))
        : Promise.resolve(undefined),
    deviceId,
  );
  if (!allocation.device)
    return <Text data-testid="device-in-hand">{t('tgd.allocation.noDevice')}</Text>;
  if (failure) return <ProblemAlert problem={failure} />;
  if (!data) return <Waiting size="xs" />;
  return (
    <Text data-testid="device-in-hand">
      {t('tgd.allocation.deviceLine', {
        serial: data.serialNumber,
        model: data.model,
        when: day(allocation.device.assignedAt),
      })}
    </Text>
  );
}

/** Devices available in the stock of the allocation's court. */
function StockSelect({
  jurisdiction,
  ...input
}: { jurisdiction: string } & ReturnType<ReturnType<typeof useForm<Values>>['getInputProps']>) {
  const { t } = useTranslation();
  const { data, failure } = useRead(
    () =>
      unwrap(
        api.GET('/api/v1/devices', {
          params: { query: { status: 'available', jurisdiction, page: 1, pageSize: 100 } },
        }),
      ),
    jurisdiction,
  );
  if (failure)
    return (
      <Alert color="red" role="alert">
        {failure}
      </Alert>
    );
  if (!data) return <Waiting size="sm" />;
  if (data.items.length === 0) return <Text>{t('tgd.allocation.noStock', { jurisdiction })}</Text>;
  return (
    <Select
      label={t('tgd.allocation.chooseDevice', { jurisdiction })}
      description={
        data.total > data.items.length
          ? t('tgd.allocation.stockPartial', { shown: data.items.length, total: data.total })
          : undefined
      }
      required
      searchable
      data={data.items.map((device) => ({
        value: device.id,
        label: `${device.serialNumber} — ${device.model}`,
      }))}
      {...input}
    />
  );
}

function ConditionRadios(
  props: { label: string } & ReturnType<ReturnType<typeof useForm<Values>>['getInputProps']>,
) {
  const { t } = useTranslation();
  const { label, ...input } = props;
  return (
    <Radio.Group label={label} required {...input}>
      <Group mt="xs">
        {RETURN_CONDITIONS.map((condition) => (
          <Radio key={condition} value={condition} label={t(`tgd.condition.${condition}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/**
 * One dialog per change of an allocation: hand over a device of the stock, swap it, take it back
 * (coordinator); renew, end early (prosecutor). Each confirms, then shows the service's refusal.
 */
export function AllocationActionModal({
  allocation,
  action,
  onClose,
}: {
  allocation: Allocation;
  action?: AllocationAction;
  onClose(changed: boolean): void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { deviceId: '', condition: '', reasons: '', months: 6, reason: '', note: '' },
    validate: {
      deviceId: (value) =>
        (action === 'handOver' || action === 'swap') && !value
          ? t('tgd.allocation.chooseDeviceError')
          : null,
      condition: (value) =>
        (action === 'swap' || action === 'takeBack') && !value
          ? t('tgd.allocation.chooseConditionError')
          : null,
      reasons: (value) =>
        action === 'renew' && value.trim().length < 10 ? t('tgd.request.reasonsShort') : null,
      months: (value) =>
        action === 'renew' && !(Number(value) >= 1 && Number(value) <= 6)
          ? t('tgd.request.monthsRange')
          : null,
      reason: (value) => (action === 'end' && !value ? t('tgd.allocation.chooseReason') : null),
    },
  });
  const path = { params: { path: { id: allocation.id } } };
  const send = (values: Values) => {
    const condition = values.condition as (typeof RETURN_CONDITIONS)[number];
    switch (action) {
      case 'handOver':
        return unwrap(
          api.POST('/api/v1/allocations/{id}/device', {
            ...path,
            body: { deviceId: values.deviceId },
          }),
        );
      case 'swap':
        return unwrap(
          api.POST('/api/v1/allocations/{id}/device/swap', {
            ...path,
            body: { deviceId: values.deviceId, condition },
          }),
        );
      case 'takeBack':
        return unwrap(
          api.POST('/api/v1/allocations/{id}/device/return', { ...path, body: { condition } }),
        );
      case 'renew':
        return unwrap(
          api.POST('/api/v1/allocations/{id}/renewal', {
            ...path,
            body: { reasons: values.reasons.trim(), months: Number(values.months) },
          }),
        );
      default:
        return unwrap(
          api.POST('/api/v1/allocations/{id}/end', {
            ...path,
            body: {
              reason: values.reason as (typeof END_REASONS)[number],
              note: values.note.trim() || undefined,
            },
          }),
        );
    }
  };
  const titles: Record<AllocationAction, [string, string]> = {
    handOver: [t('tgd.allocation.handOverTitle'), t('tgd.allocation.confirmHandOver')],
    swap: [t('tgd.allocation.swapTitle'), t('tgd.allocation.confirmSwap')],
    takeBack: [t('tgd.allocation.takeBackTitle'), t('tgd.allocation.confirmTakeBack')],
    renew: [t('tgd.allocation.renewTitle'), t('tgd.allocation.confirmRenew')],
    end: [t('tgd.allocation.endTitle'), t('tgd.allocation.confirmEnd')],
  };
  let fields: ReactNode = null;
  if (action === 'handOver')
    fields = (
      <StockSelect jurisdiction={allocation.jurisdiction} {...form.getInputProps('deviceId')} />
    );
  if (action === 'swap')
    fields = (
      <>
        <ConditionRadios
          label={t('tgd.allocation.oldCondition')}
          {...form.getInputProps('condition')}
        />
        <StockSelect jurisdiction={allocation.jurisdiction} {...form.getInputProps('deviceId')} />
      </>
    );
  if (action === 'takeBack')
    fields = (
      <ConditionRadios label={t('tgd.allocation.condition')} {...form.getInputProps('condition')} />
    );
  if (action === 'renew')
    fields = (
      <>
        <Textarea
          label={t('tgd.allocation.renewReasons')}
          description={t('tgd.request.reasonsHint')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          data-autofocus
          {...form.getInputProps('reasons')}
        />
        <NumberInput
          label={t('tgd.request.months')}
          description={t('tgd.request.monthsHint')}
          min={1}
          max={6}
          allowDecimal={false}
          required
          {...form.getInputProps('months')}
        />
      </>
    );
  if (action === 'end')
    fields = (
      <>
        <Select
          label={t('tgd.allocation.endReason')}
          required
          data={END_REASONS.map((value) => ({ value, label: t(`tgd.endReason.${value}`) }))}
          {...form.getInputProps('reason')}
        />
        <Textarea
          label={t('tgd.allocation.endNote')}
          autosize
          minRows={2}
          maxLength={4000}
          {...form.getInputProps('note')}
        />
      </>
    );
  return (
    <FormModal
      opened={Boolean(action)}
      title={action ? titles[action][0] : ''}
      form={form}
      submit={send}
      onClose={onClose}
      confirm={action ? titles[action][1] : ''}
      danger={action === 'end'}
    >
      {fields}
    </FormModal>
  );
}
