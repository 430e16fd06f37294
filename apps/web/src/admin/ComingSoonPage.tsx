import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AdminPage } from './AdminPage.tsx';

/** A main-menu area that is not built yet; it says so rather than showing an empty screen. */
export function ComingSoonPage({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <AdminPage title={t(label)}>
      <Alert color="gray" variant="light">
        <Text>{t('admin.comingSoon')}</Text>
      </Alert>
    </AdminPage>
  );
}
