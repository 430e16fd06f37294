import { createTheme } from '@mantine/core';

// Japanese fonts from the system stack (product.md §7).
const fontFamily =
  '"Hiragino Kaku Gothic ProN", "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", Meiryo, system-ui, sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily,
  headings: { fontFamily },
  defaultRadius: 'sm',
});
