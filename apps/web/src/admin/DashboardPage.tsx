import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import type { AttendanceState } from '@timecard/domain';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { permissionsOf } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDate } from '../shared/format.ts';
import { useAdminSession } from './AdminLayout.tsx';
import { AdminPage } from './AdminPage.tsx';

type State = AttendanceState;
const STATES: readonly State[] = ['working', 'on_break', 'done', 'off'];
const STATE_COLORS: Record<State, string> = {
  working: 'teal.9',
  on_break: 'yellow.9',
  done: 'gray.8',
  off: 'gray.7',
};

/** At most a few names, then "…": a warning names people without becoming a list page. */
function names(people: { name: string }[], max = 5): string {
  const shown = people.slice(0, max).map((p) => p.name);
  return people.length > max ? `${shown.join('、')}…` : shown.join('、');
}

/**
 * The console's home (issue 11 §9): what an owner checks first — today's attendance as counts per
 * state, then what needs doing (未打刻, the PIN still 0000, 認証待ち, missing パスコード) with a link to
 * where it is fixed — and below, where to go next.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
  const dashboard = useQuery({
    queryKey: ['dashboard'],
    queryFn: ({ signal }) => call(routes.attendance.dashboard, {}, { signal }),
    enabled: !permissions.ownPagesOnly,
    refetchInterval: 60_000,
  });
  if (permissions.ownPagesOnly) return <Navigate to="/admin/my-page" replace />;
  const cards = [
    permissions.canViewStaff && {
      to: '/admin/staff',
      title: 'admin.nav.staff',
      text: 'admin.dashboard.staff',
    },
    permissions.canViewOffices && {
      to: '/admin/offices',
      title: 'admin.nav.offices',
      text: 'admin.dashboard.offices',
    },
    { to: '/admin/my-page', title: 'admin.nav.myPage', text: 'admin.dashboard.myPage' },
  ].filter((card): card is { to: string; title: string; text: string } => !!card);
  const data = dashboard.data;
  const passcodeMissing = (data?.passcodeMissing ?? []).flatMap((office) => office.staff);
  const uniqueMissing = [...new Map(passcodeMissing.map((p) => [p.id, p])).values()];
  const warnings = data
    ? [
        data.clockPinIsDefault && {
          key: 'pin',
          text: t('dashboardHome.pinDefault'),
          to: '/admin/settings/basic',
          link: t('dashboardHome.pinDefaultLink'),
        },
        data.today && data.today.missingClockOut.length > 0
          ? {
              key: 'missing',
              text: t('dashboardHome.missingClockOut', {
                count: data.today.missingClockOut.length,
                names: names(data.today.missingClockOut),
              }),
              to: '/admin/attendance/today',
              link: t('dashboardHome.missingClockOutLink'),
            }
          : null,
        data.incomplete && data.incomplete.staff.length > 0
          ? {
              key: 'incomplete',
              text: t('dashboardHome.incompleteDays', {
                from: formatDate(data.incomplete.period.from),
                to: formatDate(data.incomplete.period.to),
                count: data.incomplete.staff.length,
                names: names(data.incomplete.staff),
              }),
              to: '/admin/timecards',
              link: t('dashboardHome.missingClockOutLink'),
            }
          : null,
        data.heldPunches
          ? {
              key: 'held',
              text: t('dashboardHome.heldPunches', { count: data.heldPunches }),
              to: '/admin/reports',
              link: t('dashboardHome.heldPunchesLink'),
            }
          : null,
        data.pendingVerification
          ? {
              key: 'pending',
              text: t('dashboardHome.pendingVerification', { count: data.pendingVerification }),
              to: '/admin/staff-management?verification=pending',
              link: t('dashboardHome.pendingVerificationLink'),
            }
          : null,
        uniqueMissing.length > 0
          ? {
              key: 'passcode',
              text: t('dashboardHome.passcodeMissing', {
                count: uniqueMissing.length,
                names: names(uniqueMissing),
              }),
              to: '/admin/staff',
              link: t('dashboardHome.passcodeMissingLink'),
            }
          : null,
      ].filter((w): w is { key: string; text: string; to: string; link: string } => !!w)
    : [];

  return (
    <AdminPage title={t('admin.dashboard.title')}>
      <Text>{t('admin.dashboard.welcome', { name: me.staff?.name ?? me.account.name })}</Text>
      <ErrorAlert error={dashboard.error} />
      {data?.today ? (
        <Card withBorder component="section" aria-labelledby="dashboard-today">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="dashboard-today">
              {t('dashboardHome.todayTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('dashboardHome.todayDate', { date: formatDate(data.today.workDate) })}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {STATES.map((state) => (
              <Stack key={state} gap={0} align="center" data-state={state}>
                <Text size="sm" fw={500}>
                  {t(`dashboardHome.states.${state}`)}
                </Text>
                <Text fz={36} fw={700} c={STATE_COLORS[state]} lh={1.2}>
                  {data.today?.counts[state] ?? 0}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Anchor component={Link} to="/admin/attendance/today" size="sm" mt="sm">
            {t('dashboardHome.todayLink')}
          </Anchor>
        </Card>
      ) : null}
      {data ? (
        <Card
          withBorder
          component="section"
          aria-labelledby="dashboard-warnings"
          bg={warnings.length > 0 ? 'red.0' : undefined}
        >
          <Title order={2} size="h4" id="dashboard-warnings" mb="sm">
            {t('dashboardHome.warningsTitle')}
          </Title>
          {warnings.length === 0 ? (
            <Text size="sm">{t('dashboardHome.noWarnings')}</Text>
          ) : (
            <List spacing="xs">
              {warnings.map((warning) => (
                <List.Item key={warning.key}>
                  <Text size="sm" span>
                    {warning.text}{' '}
                  </Text>
                  <Anchor component={Link} to={warning.to} size="sm">
                    {warning.link}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {cards.map((card) => (
          <Card key={card.to} withBorder>
            <Title order={2} size="h4" mb="xs">
              <Anchor component={Link} to={card.to}>
                {t(card.title)}
              </Anchor>
            </Title>
            <Text size="sm">{t(card.text)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </AdminPage>
  );
}
