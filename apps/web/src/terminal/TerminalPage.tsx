import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useAppMe } from '../shared/api.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDate, formatTime } from '../shared/format.ts';
import { Loading } from '../shared/Loading.tsx';
import { usePageTitle } from '../shared/usePageTitle.ts';
import { selectedOffice } from './appSession.ts';

/** Ticks every second. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * The tablet as the terminal of the chosen office: its name large and the current time. The punch
 * screen itself comes with a later issue; this screen says so.
 */
export function TerminalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useAppMe();
  const now = useNow();
  const chosen = selectedOffice(me.data);
  usePageTitle(chosen?.office.name ?? t('terminal.title'));
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} m="md" />;
  if (!me.data) return <Navigate to="/app" replace />;
  if (!chosen) return <Navigate to="/app/offices" replace />;
  return (
    <Stack mih="100vh" gap={0}>
      <Group justify="space-between" px="xl" py="md" bg="teal.9" c="white" component="header" wrap="nowrap">
        <Text fw={700} size="lg" c="white" truncate="end">
          {chosen.contract.name}
        </Text>
        <Button size="lg" variant="white" color="teal.9" onClick={() => navigate('/app/settings')}>
          {t('terminal.settings.open')}
        </Button>
      </Group>
      <main style={{ flex: 1 }}>
        <Stack align="center" justify="center" py={48} px="md" gap="lg">
          <Title order={1} fz={{ base: 40, sm: 56 }} ta="center">
            {chosen.office.name}
          </Title>
          <Text fz={22}>{formatDate(now)}</Text>
          <Text fz={{ base: 72, sm: 112 }} fw={700} lh={1} ff="monospace">
            <time dateTime={now.toISOString()}>{formatTime(now, true)}</time>
          </Text>
          <Paper withBorder p="lg" maw={560} w="100%">
            <Alert color="gray" variant="light">
              <Text size="xl" ta="center">
                {t('terminal.punchComingSoon')}
              </Text>
            </Alert>
          </Paper>
        </Stack>
      </main>
    </Stack>
  );
}
