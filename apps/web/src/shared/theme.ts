import { createTheme } from '@mantine/core';

// Japanese fonts from the system stack (product.md §7).
const fontFamily =
  '"Hiragino Kaku Gothic ProN", "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", Meiryo, system-ui, sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white button text and teal links above WCAG AA contrast (4.5:1).
  primaryShade: 9,
  fontFamily,
  headings: { fontFamily },
  defaultRadius: 'sm',
  components: {
    InputWrapper: {
      defaultProps: {
        // Acceptance tests find fields by their exact visible label: no required asterisk in it.
        withAsterisk: false,
        // A field's error is announced when it appears (issue 3, Accessibility).
        errorProps: { role: 'alert' },
      },
    },
  },
});
