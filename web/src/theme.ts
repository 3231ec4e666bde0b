import {
  createTheme,
  type CSSVariablesResolver,
  DEFAULT_THEME,
  type MantineColorsTuple,
} from '@mantine/core';

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

/**
 * Mantine's shade 8 (filled, outline) and 9 (text of light variants) of a colour, darkened where the
 * defaults fall short of 4.5:1 against white or the colour's own light background.
 */
function darkened(name: 'red' | 'orange' | 'green', shade8: string, shade9: string) {
  const shades = [...DEFAULT_THEME.colors[name]];
  shades[8] = shade8;
  shades[9] = shade9;
  return shades as unknown as MantineColorsTuple;
}

export const theme = createTheme({
  primaryColor: 'navy',
  colors: {
    navy,
    red: darkened('red', '#b02525', '#8f1d1d'),
    orange: darkened('orange', '#9c4200', '#7a3400'),
    green: darkened('green', '#1f6f33', '#18592a'),
  },
  // Filled controls and badges use shade 8 of every colour: white text on them passes AA.
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'always',
  components: {
    // A notification's text in the body colour: Mantine's dimmed grey fails 4.5:1 on white.
    Notification: { styles: { description: { color: 'var(--mantine-color-text)' } } },
    // A badge says a state ("À faire", "En retard"): never cut to "À …" when a table squeezes it.
    Badge: { styles: { label: { overflow: 'visible' } } },
  },
});

/**
 * Secondary text (descriptions, hints) in a grey, and fields' error messages in a red, that keep
 * 4.5:1 on white (Mantine's defaults do not).
 */
export const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
