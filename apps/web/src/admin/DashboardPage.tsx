import { Anchor, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { permissionsOf } from '../shared/api.ts';
import { useAdminSession } from './AdminLayout.tsx';
import { AdminPage } from './AdminPage.tsx';

/** The console's home: where to go next. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
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
  return (
    <AdminPage title={t('admin.dashboard.title')}>
      <Text>{t('admin.dashboard.welcome', { name: me.staff?.name ?? me.account.name })}</Text>
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
