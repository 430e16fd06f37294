import { Container, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shared/LanguageSwitch.tsx';
import { usePageTitle } from '../shared/usePageTitle.ts';

/** The タイムカード・アプリ frame: big type for a shop's tablet, one h1, the page in <main>. */
export function TerminalFrame({
  title,
  children,
  size = 720,
  headerRight,
}: {
  title: string;
  children: ReactNode;
  size?: number;
  headerRight?: ReactNode;
}) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Container size={size} py="xl">
      <main>
        <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap">
          <div>
            <Text size="md" fw={700} c="teal.9">
              {t('terminal.title')}
            </Text>
            <Title order={1} size="h2">
              {title}
            </Title>
          </div>
          <Group gap="sm" wrap="nowrap">
            {headerRight}
            <LanguageSwitch size="sm" />
          </Group>
        </Group>
        {children}
      </main>
    </Container>
  );
}
