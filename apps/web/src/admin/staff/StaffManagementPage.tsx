import { Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type LoginStatus, permissionsOf, type Staff, type StaffPage } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { PasscodeWarning } from '../PasscodeWarning.tsx';
import { useStaffList } from './staffQueries.ts';

type Pending = { kind: 'status'; staff: Staff; to: LoginStatus } | { kind: 'resend'; staff: Staff } | null;

/**
 * スタッフ管理 (opened from the ≡ menu): the seed's way for an administrator to look up an employee's
 * メールアドレス, to switch スタッフの状態 between ログイン可 and ログイン停止, and to resend the 認証メール.
 */
export function StaffManagementPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  // 「認証待ちのスタッフを見る」 on the home page opens this list filtered (?verification=pending).
  const [searchParams] = useSearchParams();
  const [pendingOnly, setPendingOnly] = useState(searchParams.get('verification') === 'pending');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useStaffList({ q: q || undefined, verification: pendingOnly ? 'pending' : undefined });
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changeStatus = useMutation({
    mutationFn: ({ staff, to }: { staff: Staff; to: LoginStatus }) =>
      call(routes.staff.update, { params: { id: staff.id }, body: { loginStatus: to } }),
    onSuccess: (updated) => {
      // The row shows the new state at once, before the lists are fetched again.
      queryClient.setQueriesData<InfiniteData<StaffPage>>({ queryKey: ['staff', 'list'] }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) => (item.id === updated.id ? updated : item)),
              })),
            }
          : data,
      );
      setPending(null);
      setNotice(t('staffManagement.statusChanged', { name: updated.name }));
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
    },
  });
  const resend = useMutation({
    mutationFn: (staff: Staff) => call(routes.staff.sendVerificationMail, { params: { id: staff.id } }),
    onSuccess: (answer) => {
      setPending(null);
      setNotice(answer?.message || t('staffManagement.mailSent'));
    },
  });

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'status') changeStatus.mutate({ staff: pending.staff, to: pending.to });
    else resend.mutate(pending.staff);
  };
  const closeConfirm = () => {
    setPending(null);
    changeStatus.reset();
    resend.reset();
  };

  return (
    <AdminPage title={t('staffManagement.title')}>
      <Text>{t('staffManagement.lead')}</Text>
      <PasscodeWarning />
      <Group align="flex-end">
        <TextInput
          label={t('common.search')}
          placeholder={t('staffManagement.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          w={320}
        />
        <Checkbox
          label={t('staffManagement.pendingOnly')}
          checked={pendingOnly}
          onChange={(event) => setPendingOnly(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.name')}</Table.Th>
                <Table.Th scope="col">{t('fields.email')}</Table.Th>
                <Table.Th scope="col" w={180}>
                  {t('fields.loginStatus')}
                </Table.Th>
                <Table.Th scope="col">{t('staffManagement.verification')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('staffManagement.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                items.map((staff) => (
                  <Table.Tr key={staff.id}>
                    <Table.Td>
                      <Text fw={500}>{staff.name}</Text>
                      {staff.code ? (
                        <Text size="sm" c="dimmed">
                          {t('staffManagement.code', { code: staff.code })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {staff.email ?? (
                        <Text span c="dimmed" size="sm">
                          {t('staffManagement.noEmail')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {permissions.isAdmin ? (
                        <NativeSelect
                          aria-label={t('fields.loginStatus')}
                          size="xs"
                          value={staff.loginStatus}
                          onChange={(event) => {
                            const to = event.currentTarget.value as LoginStatus;
                            if (to !== staff.loginStatus) setPending({ kind: 'status', staff, to });
                          }}
                          data={[
                            { value: 'allowed', label: t('staffStatus.allowed') },
                            { value: 'stopped', label: t('staffStatus.stopped') },
                          ]}
                        />
                      ) : (
                        <Text size="sm">{t(`staffStatus.${staff.loginStatus}`)}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {staff.verification === 'pending' ? (
                        <Stack gap={4} align="flex-start">
                          <Text c="red.9" size="sm" fw={700}>
                            {t('staffManagement.notVerified')}
                          </Text>
                          {permissions.canEditStaff ? (
                            <Button
                              size="xs"
                              variant="outline"
                              onClick={() => setPending({ kind: 'resend', staff })}
                            >
                              {t('staffManagement.resend')}
                            </Button>
                          ) : null}
                        </Stack>
                      ) : staff.verification === 'verified' ? (
                        <Text size="sm">{t('staffManagement.verified')}</Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
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

      <ConfirmModal
        opened={pending !== null}
        onCancel={closeConfirm}
        onConfirm={confirm}
        loading={changeStatus.isPending || resend.isPending}
        error={changeStatus.error ?? resend.error}
        confirmColor={pending?.kind === 'status' && pending.to === 'stopped' ? 'red.9' : undefined}
      >
        {pending?.kind === 'resend' ? (
          <Text>
            {t('staffManagement.confirmResend', {
              name: pending.staff.name,
              email: pending.staff.email ?? '',
            })}
          </Text>
        ) : pending?.kind === 'status' ? (
          <Text>
            {pending.to === 'stopped'
              ? t('staffManagement.confirmStop', { name: pending.staff.name })
              : t('staffManagement.confirmAllow', { name: pending.staff.name })}
          </Text>
        ) : null}
      </ConfirmModal>
    </AdminPage>
  );
}
