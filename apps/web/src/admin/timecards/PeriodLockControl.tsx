import { Badge, Button, Group, List, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';

/**
 * 締め処理 of a pay period: its status (締め済み / 未締め) for everyone, and for administrators the
 * buttons 締める / 締めを解除, each confirmed with what will happen (product.md §7).
 */
export function PeriodLockControl({
  period,
  locked,
  canManage,
  onChanged,
}: {
  period: { from: string; to: string };
  locked: boolean;
  canManage: boolean;
  onChanged?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const range = { from: formatDate(period.from), to: formatDate(period.to) };
  // Before closing, the dialog lists days still to come and people with 未打刻 days.
  const preview = useQuery({
    queryKey: ['period-locks', 'preview', period.from],
    queryFn: ({ signal }) => call(routes.timecards.previewLock, { query: { date: period.from } }, { signal }),
    enabled: confirming && !locked,
  });
  const change = useMutation({
    mutationFn: (lock: boolean) =>
      lock
        ? call(routes.timecards.lock, { body: { date: period.from, confirm: true } })
        : call(routes.timecards.unlock, { body: { date: period.from } }),
    onSuccess: async (answer) => {
      setConfirming(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['timecard'] }),
        queryClient.invalidateQueries({ queryKey: ['period-locks'] }),
      ]);
      const done = { from: formatDate(answer.period.from), to: formatDate(answer.period.to) };
      onChanged?.(answer.locked ? t('timecard.lock.locked', done) : t('timecard.lock.unlocked', done));
    },
  });

  return (
    <Group gap="xs" className="tc-lock">
      <Text fz="sm" fw={500}>
        {t('timecard.lock.label')}
      </Text>
      {locked ? (
        <Badge color="gray.8" variant="filled" radius="sm" tt="none">
          {t('timecard.lock.statusLocked')}
        </Badge>
      ) : (
        <Badge color="teal.9" variant="outline" radius="sm" tt="none">
          {t('timecard.lock.statusOpen')}
        </Badge>
      )}
      {canManage ? (
        <Button
          size="xs"
          variant={locked ? 'default' : 'filled'}
          className="tc-no-print"
          onClick={() => {
            change.reset();
            setConfirming(true);
          }}
        >
          {locked ? t('timecard.lock.unlock') : t('timecard.lock.lock')}
        </Button>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title={locked ? t('timecard.lock.unlockTitle') : t('timecard.lock.lockTitle')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => change.mutate(!locked)}
        loading={change.isPending || (!locked && preview.isPending)}
        error={change.error ?? preview.error}
        confirmColor={locked ? 'red.9' : undefined}
      >
        <Text>
          {locked ? t('timecard.lock.confirmUnlock', range) : t('timecard.lock.confirmLock', range)}
        </Text>
        {!locked && preview.isPending ? <Loading /> : null}
        {!locked && preview.data?.notEnded ? (
          <Text c="red.9" fw={500}>
            {t('timecard.lock.notEnded', { date: formatDate(preview.data.lastEnded) })}
          </Text>
        ) : null}
        {!locked && preview.data && preview.data.incomplete.length > 0 ? (
          <>
            <Text c="red.9" fw={500}>
              {t('timecard.lock.incomplete', { count: preview.data.incomplete.length })}
            </Text>
            <List size="sm">
              {preview.data.incomplete.map((person) => (
                <List.Item key={person.staffId}>
                  {t('timecard.lock.incompletePerson', {
                    name: person.code ? `${person.code} ${person.name}` : person.name,
                    count: person.incompleteDays,
                  })}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
      </ConfirmModal>
    </Group>
  );
}
