import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A sober navy, dark enough that white text on it and it on white pass WCAG AA (4.5:1).
const navy: MantineColorsTuple = [
  '#eef3f9',
  '#dce4ef',
  '#b6c7de',
  '#8ea8cc',
  '#6b8dbd',
  '#557cb4',
  '#4873b1',
  '#38629c',
  '#2e578c',
  '#1f3a5f',
];

export const theme = createTheme({
  primaryColor: 'navy',
  colors: { navy },
  // Filled controls and badges use shade 8 of every colour: white text on them passes AA.
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'always',
});
