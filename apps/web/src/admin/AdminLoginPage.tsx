import { Anchor, Button, Container, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../shared/LanguageSwitch.tsx';
import { PasswordField } from '../shared/PasswordField.tsx';

export function AdminLoginPage() {
  const { t } = useTranslation();
  return (
    <Container size={420} py="xl">
      <main>
        <Group justify="space-between" mb="md">
          <Title order={1} size="h3">
            {t('admin.login.title')}
          </Title>
          <LanguageSwitch />
        </Group>
        <Paper withBorder p="lg">
          <form onSubmit={(event) => event.preventDefault()}>
            <Stack>
              <TextInput
                label={t('admin.login.email')}
                name="email"
                autoComplete="username"
                required
                withAsterisk={false}
              />
              <PasswordField
                label={t('admin.login.password')}
                name="password"
                autoComplete="current-password"
                required
              />
              <Button type="submit">{t('admin.login.submit')}</Button>
              <Anchor component={Link} to="/admin/password-reset" size="sm">
                {t('admin.login.forgot')}
              </Anchor>
            </Stack>
          </form>
        </Paper>
      </main>
    </Container>
  );
}
