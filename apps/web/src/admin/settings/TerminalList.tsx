import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type RouteOutput, api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';

export const TERMINALS_KEY = ['terminals'] as const;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** A row of GET /terminals. */
export type TerminalItem = RouteOutput<typeof routes.settings.listTerminals>['items'][number];

/** `2026/12/04(金) 14:57` from an instant already in the contract's offset. */
function dateTime(iso: string): string {
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/**
 * 基本設定 > [打刻設定] 端末一覧 (issue 12 §4): every device open as a punch terminal, how it was
 * opened (PIN, or the app and which account), first and last use, and 【解除】 — confirmed, since the
 * device stops punching at once and goes back to its login. With `officeId`, that office's only (its
 * 事業所 page, for those with 事業所管理 編集).
 */
export function TerminalList({ officeId }: { officeId?: number } = {}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const terminals = useQuery({
    queryKey: [...TERMINALS_KEY, officeId ?? 'all'],
    queryFn: ({ signal }) => call(routes.settings.listTerminals, { query: { officeId } }, { signal }),
  });
  const [target, setTarget] = useState<TerminalItem | null>(null);
  const [done, setDone] = useState(false);
  const revoke = useMutation({
    mutationFn: (id: number) => call(routes.settings.revokeTerminal, { params: { id } }),
    onSuccess: () => {
      setTarget(null);
      setDone(true);
    },
    // Revoked here or elsewhere: the list is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: TERMINALS_KEY }),
  });

  const how = (item: TerminalItem) =>
    item.openedWith === 'pin'
      ? t('terminals.pin')
      : item.openedBy
        ? t('terminals.app', { account: item.openedBy.email ?? item.openedBy.name ?? '' })
        : t('terminals.appUnknown');

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('terminals.title')}
        </Title>
        <Text size="sm">{t('terminals.lead')}</Text>
        <NoticeAlert onClose={() => setDone(false)}>{done ? t('terminals.revoked') : null}</NoticeAlert>
        {terminals.isPending ? <Loading /> : null}
        <ErrorAlert error={terminals.error} />
        {terminals.data && terminals.data.items.length === 0 ? <Text>{t('terminals.empty')}</Text> : null}
        {terminals.data && terminals.data.items.length > 0 ? (
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs" aria-label={t('terminals.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={NOWRAP}>{t('terminals.office')}</Table.Th>
                  <Table.Th>{t('terminals.openedWith')}</Table.Th>
                  <Table.Th>{t('terminals.firstSeen')}</Table.Th>
                  <Table.Th>{t('terminals.lastSeen')}</Table.Th>
                  <Table.Th>{t('terminals.device')}</Table.Th>
                  <Table.Th>{t('terminals.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {terminals.data.items.map((item) => (
                  <Table.Tr key={item.id} data-terminal-id={item.id}>
                    <Table.Td style={{ minWidth: 96 }}>{item.office.name}</Table.Td>
                    <Table.Td>{how(item)}</Table.Td>
                    <Table.Td style={NOWRAP}>{dateTime(item.firstSeenAt)}</Table.Td>
                    <Table.Td style={NOWRAP}>{dateTime(item.lastSeenAt)}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2} maw={260} title={item.userAgent ?? undefined}>
                        {item.userAgent ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        color="red.9"
                        variant="outline"
                        onClick={() => {
                          setDone(false);
                          revoke.reset();
                          setTarget(item);
                        }}
                        title={t('terminals.revokeLabel', {
                          office: item.office.name,
                          how: how(item),
                          lastSeen: dateTime(item.lastSeenAt),
                        })}
                      >
                        {t('terminals.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={target !== null}
        title={t('terminals.revokeTitle')}
        onCancel={() => setTarget(null)}
        onConfirm={() => target && revoke.mutate(target.id)}
        loading={revoke.isPending}
        error={revoke.error}
        confirmColor="red.9"
      >
        <Text>
          {target ? t('terminals.revokeConfirm', { office: target.office.name, how: how(target) }) : null}
        </Text>
      </ConfirmModal>
    </Paper>
  );
}
