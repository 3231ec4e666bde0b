import { Badge, type BadgeProps } from '@mantine/core';

/**
 * A level's colours, by its rank among the instrument's levels: green for the lowest, red for the
 * highest, orange between (light below the middle). The theme's shades keep 4.5:1 on each.
 */
export function levelColor(rank: number, count: number): Pick<BadgeProps, 'color' | 'variant'> {
  const top = Math.max(1, count - 1);
  if (rank <= 0) return { color: 'green', variant: 'filled' };
  if (rank >= top) return { color: 'red', variant: 'filled' };
  return rank / top < 0.5
    ? { color: 'orange', variant: 'light' }
    : { color: 'orange', variant: 'filled' };
}

/**
 * A danger level as a badge, the same on every screen (assessment, case, TGD queue and request);
 * a long level name wraps instead of being cut.
 */
export function LevelBadge({
  rank,
  count,
  label,
  size = 'lg',
}: {
  rank: number;
  count: number;
  label: string;
  size?: BadgeProps['size'];
}) {
  return (
    <Badge
      {...levelColor(rank, count)}
      size={size}
      data-rank={rank}
      data-testid="level"
      h="auto"
      py={2}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
    >
      {label}
    </Badge>
  );
}
