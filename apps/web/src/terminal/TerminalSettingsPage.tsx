import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useAppMe } from '../shared/api.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Loading } from '../shared/Loading.tsx';
import { selectedOffice, useAppLogout } from './appSession.ts';
import { TerminalFrame } from './TerminalFrame.tsx';

/**
 * The app's 設定: the item 『メールアドレス』 shows the address the account logged in with (the seed's
 * way to find one's login e-mail), and ログアウト.
 */
export function TerminalSettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useAppMe();
  const logout = useAppLogout();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} m="md" />;
  if (!me.data) return <Navigate to="/app" replace />;
  const chosen = selectedOffice(me.data);
  return (
    <TerminalFrame title={t('terminal.settings.title')}>
      <Stack gap="xl">
        <Paper withBorder p="xl">
          <Stack gap="lg">
            <div>
              <Text component="label" htmlFor="app-login-email" fw={700} size="lg" display="block">
                {t('fields.email')}
              </Text>
              <Text component="output" id="app-login-email" size="xl" style={{ overflowWrap: 'anywhere' }}>
                {me.data.loginEmail}
              </Text>
            </div>
            {chosen ? (
              <div>
                <Text fw={700} size="lg">
                  {t('terminal.settings.office')}
                </Text>
                <Text size="xl">
                  {chosen.office.name}（{chosen.contract.name}）
                </Text>
              </div>
            ) : null}
          </Stack>
        </Paper>
        <Group grow>
          {chosen ? (
            <Button size="xl" variant="default" onClick={() => navigate('/app/terminal')}>
              {t('terminal.settings.back')}
            </Button>
          ) : null}
          <Button size="xl" variant="default" onClick={() => navigate('/app/offices')}>
            {t('terminal.settings.changeOffice')}
          </Button>
        </Group>
        <Button size="xl" color="red.9" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('terminal.logout')}
        </Button>
      </Stack>
    </TerminalFrame>
  );
}
