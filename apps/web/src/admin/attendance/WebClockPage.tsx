import { Anchor, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { useOffices } from '../staff/staffQueries.ts';

/**
 * 勤怠 > WEB出退勤画面: each office's Web出退勤画面 `/clock/<契約ID>/<officeId>`, opened in a new tab
 * (a shop's tablet or PC then asks the 出退勤画面用PINコード). The PIN itself is not shown here: it
 * lives in 基本設定 > [打刻設定].
 */
export function WebClockPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const offices = useOffices();
  const contractId = me.contract?.id ?? '';
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <AdminPage title={t('punch.webClock.title')}>
      <Text>{t('punch.webClock.lead')}</Text>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text>{t('punch.webClock.pinHint')}</Text>
          {permissionsOf(me).isAdmin ? (
            <Anchor component={Link} to="/admin/settings/basic">
              {t('punch.webClock.pinLink')}
            </Anchor>
          ) : null}
        </Stack>
      </Paper>
      <ErrorAlert error={offices.error} />
      {offices.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.officeName')}</Table.Th>
                <Table.Th scope="col">{t('punch.webClock.url')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(offices.data ?? []).length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Text ta="center" py="md">
                      {t('punch.webClock.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                (offices.data ?? []).map((office) => {
                  const path = `/clock/${encodeURIComponent(contractId)}/${office.id}`;
                  return (
                    <Table.Tr key={office.id}>
                      <Table.Td>
                        <Anchor
                          href={path}
                          target="_blank"
                          rel="noopener"
                          fw={700}
                          title={t('punch.webClock.openFor', { name: office.name })}
                        >
                          {office.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {origin}
                          {path}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </AdminPage>
  );
}
