import { Anchor, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { useOffices } from '../staff/staffQueries.ts';

/** 事業所: the contract's offices. */
export function OfficeListPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const offices = useOffices();
  return (
    <AdminPage
      title={t('offices.title')}
      actions={
        permissions.isAdmin ? (
          <Button component={Link} to="/admin/offices/new">
            {t('offices.add')}
          </Button>
        ) : null
      }
    >
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={offices.error} />
      {offices.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.officeName')}</Table.Th>
                <Table.Th scope="col">{t('fields.shortName')}</Table.Th>
                <Table.Th scope="col">{t('fields.kana')}</Table.Th>
                <Table.Th scope="col">{t('fields.address')}</Table.Th>
                <Table.Th scope="col">{t('fields.passcodeRequired')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(offices.data ?? []).length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('offices.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                (offices.data ?? []).map((office) => (
                  <Table.Tr key={office.id}>
                    <Table.Td>
                      {permissions.canEditOffice(office.id) ? (
                        <Anchor component={Link} to={`/admin/offices/${office.id}`} fw={500}>
                          {office.name}
                        </Anchor>
                      ) : (
                        office.name
                      )}
                    </Table.Td>
                    <Table.Td>{office.shortName}</Table.Td>
                    <Table.Td>{office.kana}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{office.address}</Table.Td>
                    <Table.Td>
                      {office.passcodeRequired ? t('passcodeSetting.on') : t('passcodeSetting.off')}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </AdminPage>
  );
}
