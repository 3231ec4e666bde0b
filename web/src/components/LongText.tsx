import { Textarea, type TextareaProps } from '@mantine/core';

/**
 * A note, a reason, a decision's words: a text area that grows with what is typed, up to the 2000
 * characters the API accepts for such texts.
 */
export function LongText(props: TextareaProps) {
  return <Textarea autosize minRows={2} maxLength={2000} {...props} />;
}
