import { Anchor, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <main>
        <Stack>
          <Group justify="space-between">
            <Title order={1}>{t('home.title')}</Title>
            <LanguageSwitch />
          </Group>
          <Text>{t('home.lead')}</Text>
          <Anchor component={Link} to="/admin">
            {t('home.admin')}
          </Anchor>
          <Anchor component={Link} to="/app">
            {t('home.terminal')}
          </Anchor>
          <Anchor component={Link} to="/signup">
            {t('home.signup')}
          </Anchor>
        </Stack>
      </main>
    </Container>
  );
}
