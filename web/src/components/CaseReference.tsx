import { Anchor, type AnchorProps, Text } from '@mantine/core';
import { Link } from 'react-router-dom';

/**
 * A case's reference (FR-82-2026-0007), the same in every list: read as one word, never broken at
 * its hyphens across lines; a link when `to` is given.
 */
export function CaseReference({
  reference,
  to,
  'aria-label': ariaLabel,
  ...props
}: { reference: string | null; to?: string; 'aria-label'?: string } & Pick<AnchorProps, 'fw'>) {
  const style = { whiteSpace: 'nowrap' } as const;
  if (!to)
    return (
      <Text span inherit style={style} {...props}>
        {reference}
      </Text>
    );
  return (
    <Anchor component={Link} to={to} aria-label={ariaLabel} style={style} {...props}>
      {reference}
    </Anchor>
  );
}
