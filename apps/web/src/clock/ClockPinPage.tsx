import { Button, Container, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../shared/PasswordField.tsx';

export function ClockPinPage() {
  const { t } = useTranslation();
  return (
    <Container size={420} py="xl">
      <main>
        <Title order={1} size="h3" mb="md">
          {t('clock.title')}
        </Title>
        <Paper withBorder p="lg">
          <form onSubmit={(event) => event.preventDefault()}>
            <Stack>
              <PasswordField
                label={t('clock.pin')}
                name="pin"
                inputMode="numeric"
                maxLength={4}
                size="lg"
                required
              />
              <Button type="submit" size="lg">
                {t('clock.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </main>
    </Container>
  );
}
