import { Button, Card, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { useOffices } from '../staff/staffQueries.ts';
import { OvertimeApprovalSetting } from './OvertimeApprovalSetting.tsx';
import { RequestTable } from './RequestTable.tsx';
import {
  REQUEST_KIND_OPTIONS,
  REQUEST_STATUS_OPTIONS,
  type RequestKind,
  type RequestStatus,
} from './requestModel.ts';

/**
 * ワークフロー > 申請一覧 (approvers): filters by 状態, 種類, 事業所 and 期間 (kept in the URL), the
 * requests with their state, and bulk 承認 of the selected rows. Each row opens the detail.
 */
export function WorkflowPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'pending') as RequestStatus | '';
  const kind = (params.get('kind') ?? '') as RequestKind | '';
  const officeId = params.get('officeId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const offices = useOffices();
  const isAdmin = permissionsOf(useAdminSession()).isAdmin;
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const query = {
    view: 'all' as const,
    limit: 200,
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(officeId ? { officeId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const list = useQuery({
    queryKey: ['requests', 'list', query],
    queryFn: ({ signal }) => call(routes.requests.list, { query }, { signal }),
  });
  const bulk = useMutation({
    mutationFn: (ids: number[]) => call(routes.requests.bulkApprove, { body: { ids } }),
    onSuccess: async (answer) => {
      setConfirming(false);
      setSelected(new Set());
      setNotice(
        [
          t('requests.bulkDone', { approved: answer.approved.length }),
          answer.failed.length > 0 ? t('requests.bulkFailed', { count: answer.failed.length }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      await queryClient.invalidateQueries({ queryKey: ['requests'] });
      await queryClient.invalidateQueries({ queryKey: ['timecard'] });
    },
  });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // 状態 defaults to 申請中: "all" is kept as an explicit empty choice.
    if (key === 'status' && !value) next.set('status', '');
    setParams(next, { replace: true });
    setSelected(new Set());
  };

  return (
    <AdminPage title={t('requests.listTitle')}>
      <Card withBorder padding="sm">
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('requests.fields.status')}
            value={status}
            onChange={(event) => setFilter('status', event.currentTarget.value)}
            data={[
              { value: '', label: t('requests.all') },
              ...REQUEST_STATUS_OPTIONS.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) })),
            ]}
          />
          <NativeSelect
            label={t('requests.fields.kind')}
            value={kind}
            onChange={(event) => setFilter('kind', event.currentTarget.value)}
            data={[
              { value: '', label: t('requests.all') },
              ...REQUEST_KIND_OPTIONS.map((k) => ({ value: k, label: t(`requests.kinds.${k}`) })),
            ]}
          />
          <NativeSelect
            label={t('requests.fields.office')}
            value={officeId}
            onChange={(event) => setFilter('officeId', event.currentTarget.value)}
            data={[
              { value: '', label: t('requests.all') },
              ...(offices.data ?? []).map((o) => ({ value: String(o.id), label: o.name })),
            ]}
          />
          <TextInput
            label={t('requests.fields.from')}
            type="date"
            value={from}
            onChange={(event) => setFilter('from', event.currentTarget.value)}
          />
          <TextInput
            label={t('requests.fields.to')}
            type="date"
            value={to}
            onChange={(event) => setFilter('to', event.currentTarget.value)}
          />
        </Group>
      </Card>
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={list.error} />
      {list.isPending && !list.isError ? <Loading /> : null}
      {list.data ? (
        <>
          <Group>
            <Button disabled={selected.size === 0} onClick={() => setConfirming(true)}>
              {t('requests.bulkApprove')}
            </Button>
            <Text fz="sm">
              {t('requests.waiting', { count: list.data.items.filter((r) => r.canDecide).length })}
            </Text>
          </Group>
          <RequestTable
            items={list.data.items}
            linkBase="/admin/workflow/requests"
            showStaff
            selected={selected}
            onSelect={(ids, checked) =>
              setSelected((current) => {
                const next = new Set(current);
                for (const id of ids) {
                  if (checked) next.add(id);
                  else next.delete(id);
                }
                return next;
              })
            }
          />
        </>
      ) : null}
      <ConfirmModal
        opened={confirming}
        onConfirm={() => bulk.mutate([...selected])}
        onCancel={() => setConfirming(false)}
        loading={bulk.isPending}
        error={bulk.error}
      >
        <Text>{t('requests.bulkConfirm', { count: selected.size })}</Text>
      </ConfirmModal>
      {isAdmin ? <OvertimeApprovalSetting /> : null}
    </AdminPage>
  );
}
