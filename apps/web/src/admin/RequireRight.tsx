import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { permissionsOf } from '../shared/api.ts';
import { useAdminSession } from './AdminLayout.tsx';
import { AdminPage } from './AdminPage.tsx';

export type Permissions = ReturnType<typeof permissionsOf>;

/**
 * A page of the 管理画面 that needs a right: without it, only the no-right message is shown (never
 * the page's form, refused afterwards by the server). The server still checks every request.
 */
export function RequireRight({
  allowed,
  children,
}: {
  allowed: (p: Permissions) => boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useAdminSession();
  if (allowed(permissionsOf(me))) return children;
  return (
    <AdminPage title={t('admin.noRight.title')}>
      <Alert color="red.9" variant="outline" role="alert">
        {t('admin.noRight.message')}
      </Alert>
    </AdminPage>
  );
}
