import { Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { RequestFormModal } from './RequestFormModal.tsx';
import { RequestTable } from './RequestTable.tsx';

/** 申請 (staff): 【新規申請】 and one's own requests with their state; 取消 from the detail. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['requests', 'mine'],
    queryFn: ({ signal }) => call(routes.requests.list, { query: { view: 'mine', limit: 100 } }, { signal }),
  });
  return (
    <AdminPage
      title={t('requests.mineTitle')}
      actions={<Button onClick={() => setCreating(true)}>{t('requests.new')}</Button>}
    >
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={list.error} />
      {list.isPending && !list.isError ? <Loading /> : null}
      {list.data ? (
        <RequestTable items={list.data.items} linkBase="/admin/requests" showStaff={false} />
      ) : null}
      {creating ? (
        <RequestFormModal
          onClose={() => setCreating(false)}
          onSent={(message) => {
            setCreating(false);
            setNotice(message);
          }}
        />
      ) : null}
    </AdminPage>
  );
}
