import { Button, Container, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shared/LanguageSwitch.tsx';
import { PasswordField } from '../shared/PasswordField.tsx';

export function TerminalLoginPage() {
  const { t } = useTranslation();
  return (
    <Container size={480} py="xl">
      <main>
        <Group justify="space-between" mb="md">
          <Title order={1} size="h3">
            {t('terminal.title')}
          </Title>
          <LanguageSwitch />
        </Group>
        <Paper withBorder p="lg">
          <form onSubmit={(event) => event.preventDefault()}>
            <Stack>
              <TextInput
                label={t('terminal.login.userId')}
                name="userId"
                autoComplete="username"
                size="lg"
                required
              />
              <PasswordField
                label={t('terminal.login.password')}
                name="password"
                autoComplete="current-password"
                size="lg"
                required
              />
              <Button type="submit" size="lg">
                {t('terminal.login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </main>
    </Container>
  );
}
