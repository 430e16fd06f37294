import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';

const HELD_KEY = ['held-punches'] as const;

/**
 * 締め済みの期間に届いた打刻 (issue 11 §4): punches that arrived for a closed period, kept for the
 * administrator — 【取り込む】 once the period is reopened, or 【破棄】. Shown only when there are any.
 */
export function HeldPunchesCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const held = useQuery({
    queryKey: HELD_KEY,
    queryFn: ({ signal }) => call(routes.heldPunches.list, {}, { signal }),
  });
  const decide = useMutation({
    mutationFn: ({ id, accept }: { id: number; accept: boolean }) =>
      accept
        ? call(routes.heldPunches.accept, { params: { id } })
        : call(routes.heldPunches.discard, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const items = held.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="sm" className="tc-no-print">
      <Title order={2} size="h4" mb="xs">
        {t('timecard.held.title')}
      </Title>
      <Text fz="sm" mb="xs">
        {t('timecard.held.lead')}
      </Text>
      <ErrorAlert error={decide.error} />
      <Table withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('timecard.held.staff')}</Table.Th>
            <Table.Th>{t('timecard.held.punch')}</Table.Th>
            <Table.Th>{t('timecard.held.at')}</Table.Th>
            <Table.Th>{t('timecard.held.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                {item.staffCode ? `${item.staffName}（${item.staffCode}）` : item.staffName}
              </Table.Td>
              <Table.Td>{t(`timecard.punchTypes.${item.type}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {item.at.replace('T', ' ').replaceAll('-', '/')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    disabled={item.periodClosed}
                    title={item.periodClosed ? t('timecard.held.reopenFirst') : undefined}
                    loading={decide.isPending && decide.variables?.id === item.id && decide.variables.accept}
                    onClick={() => decide.mutate({ id: item.id, accept: true })}
                  >
                    {t('timecard.held.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    loading={decide.isPending && decide.variables?.id === item.id && !decide.variables.accept}
                    onClick={() => decide.mutate({ id: item.id, accept: false })}
                  >
                    {t('timecard.held.discard')}
                  </Button>
                </Group>
                {item.periodClosed ? <Text fz="xs">{t('timecard.held.reopenFirst')}</Text> : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
