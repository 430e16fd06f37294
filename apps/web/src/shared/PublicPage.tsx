import { Container, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { usePageTitle } from './usePageTitle.ts';

/**
 * The frame of the pages used without a session (login, パスワード再発行, 認証, 新規登録): the product
 * name, one h1, the language switch and a card, inside the page's <main>.
 */
export function PublicPage({
  title,
  product,
  children,
  size = 460,
}: {
  title: string;
  /** The product line above the title; the 管理画面 by default. */
  product?: string;
  children: ReactNode;
  size?: number;
}) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Container size={size} py="xl">
      <main>
        <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
          <div>
            <Text size="sm" c="dimmed" fw={700}>
              {product ?? t('admin.title')}
            </Text>
            <Title order={1} size="h3">
              {title}
            </Title>
          </div>
          <LanguageSwitch />
        </Group>
        <Paper withBorder p="lg">
          {children}
        </Paper>
      </main>
    </Container>
  );
}
