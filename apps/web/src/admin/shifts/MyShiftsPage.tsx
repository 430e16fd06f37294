import { Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { formatMinutes } from '../timecards/timecardFormat.ts';
import { datesOf, spanText } from './shiftModel.ts';

/**
 * マイシフト (issue 15): a staff member's own published shifts of the pay period, and their
 * 希望シフト for the days their offices have opened (出勤可 with hours, or 休み希望).
 */
export function MyShiftsPage() {
  const { t } = useTranslation();
  const shifts = useQuery({
    queryKey: ['my-shifts'],
    queryFn: ({ signal }) => call(routes.shifts.myShifts, { query: {} }, { signal }),
  });
  return (
    <AdminPage title={t('shifts.mineTitle')}>
      <ErrorAlert error={shifts.error} />
      {shifts.isPending ? <Loading /> : null}
      {shifts.data ? (
        <Card withBorder padding="sm">
          <Title order={2} size="h4" mb="xs">
            {t('shifts.minePeriod', {
              from: formatDate(shifts.data.period.from),
              to: formatDate(shifts.data.period.to),
            })}
          </Title>
          {shifts.data.items.length === 0 ? (
            <Text>{t('shifts.mineNone')}</Text>
          ) : (
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('shifts.date')}</Table.Th>
                  <Table.Th scope="col">{t('shifts.shift')}</Table.Th>
                  <Table.Th scope="col">{t('shifts.office')}</Table.Th>
                  <Table.Th scope="col">{t('shifts.hours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shifts.data.items.map((item) => (
                  <Table.Tr key={item.date}>
                    <Table.Th scope="row">{formatDate(item.date)}</Table.Th>
                    <Table.Td>
                      {item.off
                        ? t('shifts.off')
                        : `${item.patternName ? `${item.patternName} ` : ''}${spanText(item.start, item.end, t('shifts.nextDayShort'))}`}
                    </Table.Td>
                    <Table.Td>{item.officeName}</Table.Td>
                    <Table.Td>{item.off ? '' : formatMinutes(item.minutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      ) : null}
      <MyWishes />
    </AdminPage>
  );
}

function MyWishes() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const wishes = useQuery({
    queryKey: ['my-shift-wishes'],
    queryFn: ({ signal }) => call(routes.shifts.myWishes, { query: {} }, { signal }),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof call<typeof routes.shifts.saveMyWish>>[1]['body']) =>
      call(routes.shifts.saveMyWish, { body }),
    onSuccess: async (answer) => {
      setNotice(answer.message);
      await queryClient.invalidateQueries({ queryKey: ['my-shift-wishes'] });
    },
  });
  if (wishes.isPending) return <Loading />;
  if (!wishes.data) return <ErrorAlert error={wishes.error} />;
  const open = wishes.data.periods.filter((p) => p.open);
  const byDate = new Map(wishes.data.wishes.map((w) => [w.date, w]));
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h4" mb="xs">
        {t('shifts.wishesTitle')}
      </Title>
      {open.length === 0 ? (
        <Text>{t('shifts.wishesClosed')}</Text>
      ) : (
        <Stack gap="xs">
          {open.map((period) => (
            <Text key={period.id} fz="sm">
              {t('shifts.wishPeriodOpen', {
                from: formatDate(period.from),
                to: formatDate(period.to),
                deadline: new Date(period.deadline).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }),
              })}
            </Text>
          ))}
          <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
          <ErrorAlert error={save.error} />
          {open
            .flatMap((period) => datesOf(period))
            .map((date) => (
              <WishRow
                key={date}
                date={date}
                wish={byDate.get(date)}
                onSave={(body) => save.mutate(body as never)}
              />
            ))}
        </Stack>
      )}
    </Card>
  );
}

function WishRow({
  date,
  wish,
  onSave,
}: {
  date: string;
  wish: { kind: 'available' | 'off'; start: string | null; end: string | null } | undefined;
  onSave: (body: unknown) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>(wish?.kind ?? 'none');
  const [start, setStart] = useState(wish?.start ?? '');
  const [end, setEnd] = useState(wish?.end ?? '');
  return (
    <Group align="flex-end" gap="xs" data-date={date}>
      <Text w={130} fw={500}>
        {formatDate(date)}
      </Text>
      <NativeSelect
        label={t('shifts.wishKind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value)}
        data={[
          { value: 'none', label: t('shifts.wishNone') },
          { value: 'available', label: t('shifts.wishAvailableOption') },
          { value: 'off', label: t('shifts.wishOffOption') },
        ]}
        w={140}
      />
      {kind === 'available' ? (
        <>
          <TextInput
            type="time"
            label={t('shifts.start')}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            w={110}
          />
          <TextInput
            type="time"
            label={t('shifts.end')}
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
            w={110}
          />
        </>
      ) : null}
      <Button
        variant="default"
        aria-label={t('shifts.saveWishNamed', { date: formatDate(date) })}
        onClick={() =>
          onSave(
            kind === 'none'
              ? { kind: 'clear', date }
              : kind === 'off'
                ? { kind: 'off', date }
                : { kind: 'available', date, start: start || null, end: end || null },
          )
        }
      >
        {t('common.save')}
      </Button>
    </Group>
  );
}
