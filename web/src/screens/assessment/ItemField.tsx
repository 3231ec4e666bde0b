import {
  Badge,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Stack,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { type ReactNode, useState } from 'react';

import { type AnswerValue, fieldId, type Item, localize, UNKNOWN } from './definition';
import { useItemWords } from './item-words';

export interface ItemFieldProps {
  item: Item;
  value: AnswerValue | undefined;
  language: string;
  reference: string;
  error?: ReactNode;
  disabled: boolean;
  /** A new answer (null removes it); `immediate` for choices, typing is debounced. */
  onChange(value: AnswerValue | null, immediate: boolean): void;
}

const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A typed date, as shown (JJ/MM/AAAA) or as stored (AAAA-MM-JJ); null when it is no date. */
function parseDate(typed: string): string | null {
  const text = typed.trim();
  if (ISO.test(text)) return text;
  const match = DAY_FIRST.exec(text);
  if (!match) return null;
  const [, day, month, year] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** One item of any definition, with the Mantine control of its type and its "unknown" answer. */
export function ItemField({
  item,
  value,
  language,
  reference,
  error,
  disabled,
  onChange,
}: ItemFieldProps) {
  const words = useItemWords(language);
  const text = localize(item.text, language, reference);
  const help = item.help ? localize(item.help, language, reference) : undefined;
  const unknown = value === UNKNOWN;
  const [numberError, setNumberError] = useState<string>();
  // What is typed in a number field, kept even when out of bounds (then not sent).
  const [typed, setTyped] = useState<string | number>(typeof value === 'number' ? value : '');

  const label = (
    <>
      {text}
      {item.mandatory && <VisuallyHidden> ({words.mandatory})</VisuallyHidden>}
      {item.red && (
        <Badge color="red" variant="filled" size="sm" component="span" ml="xs" mb={2}>
          {words.red}
        </Badge>
      )}
    </>
  );
  const common = {
    label,
    description: help,
    error: error ?? numberError,
    withAsterisk: Boolean(item.mandatory),
    disabled,
  };
  const unknownLabel = words.unknown;
  /** For free answers: "unknown" as a box beside the field, which empties it. */
  const unknownBox = (
    <Checkbox
      label={unknownLabel}
      aria-label={`${unknownLabel} — ${text}`}
      checked={unknown}
      disabled={disabled}
      onChange={(event) => {
        setTyped('');
        setNumberError(undefined);
        onChange(event.currentTarget.checked ? UNKNOWN : null, true);
      }}
    />
  );

  switch (item.type) {
    case 'yes_no':
    case 'single_choice': {
      const options =
        item.type === 'yes_no'
          ? [
              { id: 'yes', label: words.yes },
              { id: 'no', label: words.no },
            ]
          : (item.choices ?? []).map((choice) => ({
              id: choice.id,
              label: localize(choice.label, language, reference),
            }));
      const Layout = item.type === 'yes_no' ? Group : Stack;
      return (
        <Radio.Group
          id={fieldId(item.id)}
          value={typeof value === 'string' ? value : ''}
          onChange={(next) => onChange(next, true)}
          {...common}
        >
          <Layout gap="sm" mt="xs">
            {[...options, { id: UNKNOWN, label: unknownLabel }].map((option) => (
              <Radio key={option.id} value={option.id} label={option.label} disabled={disabled} />
            ))}
          </Layout>
        </Radio.Group>
      );
    }
    case 'multiple_choice': {
      const selected = unknown ? [UNKNOWN] : Array.isArray(value) ? value : [];
      return (
        <Checkbox.Group
          id={fieldId(item.id)}
          value={selected}
          onChange={(next) => {
            if (next.includes(UNKNOWN) && !selected.includes(UNKNOWN)) onChange(UNKNOWN, true);
            else
              onChange(
                next.filter((v) => v !== UNKNOWN),
                true,
              );
          }}
          {...common}
        >
          <Stack gap="sm" mt="xs">
            {(item.choices ?? []).map((choice) => (
              <Checkbox
                key={choice.id}
                value={choice.id}
                label={localize(choice.label, language, reference)}
                disabled={disabled || unknown}
              />
            ))}
            <Checkbox value={UNKNOWN} label={unknownLabel} disabled={disabled} />
          </Stack>
        </Checkbox.Group>
      );
    }
    case 'number':
      return (
        <Stack gap="xs">
          <NumberInput
            id={fieldId(item.id)}
            value={unknown ? '' : typed}
            min={item.min}
            max={item.max}
            clampBehavior="none"
            {...common}
            disabled={disabled || unknown}
            onChange={(next) => {
              setTyped(next);
              if (next === '') {
                setNumberError(undefined);
                return onChange(null, false);
              }
              if (typeof next !== 'number') return;
              const fault =
                item.min !== undefined && next < item.min
                  ? words.atLeast(item.min)
                  : item.max !== undefined && next > item.max
                    ? words.atMost(item.max)
                    : undefined;
              setNumberError(fault);
              // An answer out of bounds stays on screen, with its fault, and is not sent.
              if (!fault) onChange(next, false);
            }}
          />
          {unknownBox}
        </Stack>
      );
    case 'date':
      return (
        <Stack gap="xs">
          <DateInput
            id={fieldId(item.id)}
            value={typeof value === 'string' && ISO.test(value) ? value : null}
            valueFormat="DD/MM/YYYY"
            placeholder={words.datePlaceholder}
            dateParser={parseDate}
            clearable
            clearButtonProps={{ 'aria-label': words.clearDate(text) }}
            {...common}
            disabled={disabled || unknown}
            onChange={(next) => onChange(next, true)}
          />
          {unknownBox}
        </Stack>
      );
    case 'text':
      return (
        <Stack gap="xs">
          <Textarea
            id={fieldId(item.id)}
            value={typeof value === 'string' && !unknown ? value : ''}
            maxLength={item.maxLength}
            autosize
            minRows={2}
            {...common}
            disabled={disabled || unknown}
            onChange={(event) => {
              const next = event.currentTarget.value;
              onChange(next === '' ? null : next, false);
            }}
          />
          {unknownBox}
        </Stack>
      );
  }
}
