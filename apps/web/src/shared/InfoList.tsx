import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A read-only list of labelled values (<dl> of <div><dt/><dd/></div>), for 契約情報, マイページ and the like. */
export function InfoList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
        gap: 'var(--mantine-spacing-sm) var(--mantine-spacing-lg)',
      }}
    >
      {items.map((item) => (
        <div key={item.label} style={{ display: 'contents' }}>
          <Text component="dt" fw={700}>
            {item.label}
          </Text>
          <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
            {item.value}
          </Text>
        </div>
      ))}
    </Box>
  );
}
