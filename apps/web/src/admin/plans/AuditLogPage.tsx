import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { AUDIT_KINDS, type AuditKind, auditKindLabels } from '@timecard/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { languageOf } from './planAccess.ts';

interface Filters {
  from: string;
  to: string;
  staffId: string;
  kind: string;
}

/** `2026-12-04T00:05:00Z` → `2026/12/04 09:05` in the browser's zone (the contract's, in practice). */
function atText(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * 設定 > 操作ログ (issue 13, プレミアム and up): every recorded change, newest first, in words,
 * with before → after; filters by period, person and kind; CSV; and whether both hash chains (the
 * log's and the punches') are intact.
 */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const [filters, setFilters] = useState<Filters>({ from: '', to: '', staffId: '', kind: '' });
  const query = {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.staffId ? { staffId: Number(filters.staffId) } : {}),
    ...(filters.kind ? { kind: filters.kind as AuditKind } : {}),
  };
  const log = useInfiniteQuery({
    queryKey: ['audit-log', query, language],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(routes.audit.list, { query: { ...query, cursor: pageParam, limit: 50 } }, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const staff = useQuery({
    queryKey: ['staff', 'audit-filter'],
    queryFn: ({ signal }) => call(routes.staff.list, { query: { usage: 'all', limit: 200 } }, { signal }),
  });
  const verification = useQuery({
    queryKey: ['audit-log', 'verify'],
    queryFn: ({ signal }) => call(routes.audit.verify, {}, { signal }),
  });
  const csvQuery = new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)] as [string, string]),
  );
  const range = log.data?.pages[0]?.range;
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <AdminPage
      title={t('plans.audit.title')}
      actions={
        <Button
          component="a"
          href={`/api/v1/audit-log.csv?${csvQuery.toString()}`}
          download
          variant="outline"
        >
          {t('plans.audit.csv')}
        </Button>
      }
    >
      {verification.isPending ? (
        <Text size="sm">{t('plans.audit.verifying')}</Text>
      ) : verification.isError ? (
        <ErrorAlert error={verification.error} />
      ) : verification.data.intact ? (
        <Alert color="teal.9" variant="outline" role="status">
          {t('plans.audit.intact', {
            audit: verification.data.audit.rows,
            punches: verification.data.punches.rows,
          })}
        </Alert>
      ) : (
        <Alert color="red.9" variant="outline" role="alert">
          {t('plans.audit.broken', {
            chain:
              verification.data.audit.brokenId !== null
                ? t('plans.audit.chainAudit')
                : t('plans.audit.chainPunches'),
            id: verification.data.audit.brokenId ?? verification.data.punches.brokenId,
          })}
        </Alert>
      )}
      <Group align="end" wrap="wrap">
        <TextInput
          type="date"
          label={t('plans.audit.from')}
          value={filters.from || range?.from || ''}
          onChange={(event) => set('from')(event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('plans.audit.to')}
          value={filters.to || range?.to || ''}
          onChange={(event) => set('to')(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('plans.audit.person')}
          value={filters.staffId}
          onChange={(event) => set('staffId')(event.currentTarget.value)}
          data={[
            { value: '', label: t('plans.audit.anyone') },
            ...(staff.data?.items ?? []).map((s) => ({
              value: String(s.id),
              label: s.code ? `${s.name}（${s.code}）` : s.name,
            })),
          ]}
        />
        <NativeSelect
          label={t('plans.audit.kind')}
          value={filters.kind}
          onChange={(event) => set('kind')(event.currentTarget.value)}
          data={[
            { value: '', label: t('plans.audit.anyKind') },
            ...AUDIT_KINDS.map((kind) => ({ value: kind, label: auditKindLabels[kind][language] })),
          ]}
        />
      </Group>
      <Text size="sm">{t('plans.audit.retention')}</Text>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : items.length === 0 ? (
        <Text>{t('plans.audit.empty')}</Text>
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={800}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans.audit.at')}</Table.Th>
                  <Table.Th>{t('plans.audit.actor')}</Table.Th>
                  <Table.Th>{t('plans.audit.what')}</Table.Th>
                  <Table.Th>{t('plans.audit.changes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{atText(item.at, language)}</Table.Td>
                    <Table.Td>
                      {item.actor.kind === 'staff' ? (
                        <>
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {item.actor.name}
                          </Text>
                          {item.actor.email && <Text size="xs">{item.actor.email}</Text>}
                          {item.apiToken && (
                            <Text size="xs">{t('plans.audit.viaToken', { name: item.apiToken })}</Text>
                          )}
                        </>
                      ) : (
                        <Text size="sm">
                          {item.actor.kind === 'terminal'
                            ? t('plans.audit.terminal')
                            : t('plans.audit.system')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{item.text}</Table.Td>
                    <Table.Td>
                      {item.changes.map((change) => (
                        <Text key={change.field} size="sm">
                          {change.field}: {change.before !== null ? `${change.before} → ` : ''}
                          {change.after ?? '—'}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {log.hasNextPage && (
            <Button variant="light" onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('plans.audit.more')}
            </Button>
          )}
        </Stack>
      )}
    </AdminPage>
  );
}
