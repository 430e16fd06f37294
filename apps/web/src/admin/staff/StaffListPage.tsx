import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { PasscodeWarning } from '../PasscodeWarning.tsx';
import { useOffices, useStaffList } from './staffQueries.ts';

type Usage = 'active' | 'inactive' | 'all';

/** 従業員: the list of staff, searchable, with those who left (利用しない) one switch away. */
export function StaffListPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const [search, setSearch] = useState('');
  const [usage, setUsage] = useState<Usage>('active');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useStaffList({ q: q || undefined, usage });
  const offices = useOffices();
  const officeName = (id: number) =>
    offices.data?.find((office) => office.id === id)?.shortName ||
    offices.data?.find((office) => office.id === id)?.name ||
    `#${id}`;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <AdminPage
      title={t('staff.title')}
      actions={
        permissions.canEditStaff ? (
          <Button component={Link} to="/admin/staff/new">
            {t('staff.add')}
          </Button>
        ) : null
      }
    >
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <PasscodeWarning />
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          placeholder={t('staff.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="staff-usage-filter">
            {t('staff.show')}
          </Text>
          <SegmentedControl
            aria-labelledby="staff-usage-filter"
            value={usage}
            onChange={(value) => setUsage(value as Usage)}
            data={[
              { value: 'active', label: t('staff.usageFilter.active') },
              { value: 'inactive', label: t('staff.usageFilter.inactive') },
              { value: 'all', label: t('staff.usageFilter.all') },
            ]}
          />
        </Stack>
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.code')}</Table.Th>
                <Table.Th scope="col">{t('fields.name')}</Table.Th>
                <Table.Th scope="col">{t('fields.kana')}</Table.Th>
                <Table.Th scope="col">{t('fields.employmentType')}</Table.Th>
                <Table.Th scope="col">{t('fields.offices')}</Table.Th>
                <Table.Th scope="col">{t('fields.hiredOn')}</Table.Th>
                <Table.Th scope="col">{t('fields.usage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('staff.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                items.map((staff) => (
                  <Table.Tr key={staff.id}>
                    <Table.Td>{staff.code ?? ''}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/staff/${staff.id}`} fw={500}>
                        {staff.name}
                      </Anchor>
                      {staff.isAdmin ? (
                        <Badge ml="xs" size="sm" variant="filled" color="teal.9">
                          {t('fields.isAdmin')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{staff.kana}</Table.Td>
                    <Table.Td>{t(`employmentTypes.${staff.employmentType}`)}</Table.Td>
                    <Table.Td>
                      {staff.offices.map((office) => officeName(office.officeId)).join('、')}
                    </Table.Td>
                    <Table.Td>{formatDate(staff.hiredOn)}</Table.Td>
                    <Table.Td>
                      {staff.usage === 'active' ? t('usage.active') : t('usage.inactive')}
                      {staff.retiredOn ? (
                        <Text size="xs" c="dimmed">
                          {t('staff.retiredOn', { date: formatDate(staff.retiredOn) })}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage ? (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.more')}
        </Button>
      ) : null}
    </AdminPage>
  );
}
