import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { addDays, formatMinutes, weekdayOf } from '../timecards/timecardFormat.ts';
import { PatternsCard } from './PatternsCard.tsx';
import {
  cellKey,
  cellLabel,
  datesOf,
  type ShiftCell,
  type ShiftPattern,
  type ShiftTable,
  spanText,
  weekOf,
} from './shiftModel.ts';
import './shifts.css';

type CellInput =
  | { kind: 'pattern'; patternId: number }
  | { kind: 'custom'; start: string; end: string; breaks: [string, string][] }
  | { kind: 'off' }
  | { kind: 'clear' };

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * 勤怠 > シフト (issue 15): the 月間シフト表 of an office — staff as rows, days as columns, a cell a
 * pattern, custom times or 休み — entered by click or keyboard (arrows move, 1–9 a pattern, 0 休み,
 * Delete clears, Enter opens the cell), with per-person and per-day totals against 8 h / 40 h,
 * 希望シフト in the cells, 【公開】 and print.
 */
export function ShiftsPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
  const [search, setSearch] = useSearchParams();
  const offices = useQuery({
    queryKey: ['offices'],
    queryFn: ({ signal }) => call(routes.offices.list, {}, { signal }).then((a) => a.items),
  });
  const visibleOffices = (offices.data ?? []).filter(
    (o) =>
      permissions.isAdmin ||
      (me.staff?.offices ?? []).some((r) => r.officeId === o.id && r.shiftPlan !== 'none'),
  );
  const officeId = Number(search.get('office')) || visibleOffices[0]?.id;
  const from = search.get('from') ?? undefined;
  const to = search.get('to') ?? undefined;
  const view = search.get('view') === 'week' ? 'week' : 'month';
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace: true });
  };

  const table = useQuery({
    queryKey: ['shifts', officeId, from, to],
    enabled: officeId !== undefined,
    queryFn: ({ signal }) =>
      call(
        routes.shifts.table,
        { params: { id: officeId! }, query: from && to ? { from, to } : {} },
        { signal },
      ),
  });

  return (
    <AdminPage title={t('shifts.title')}>
      <Group align="flex-end" className="tc-no-print">
        <NativeSelect
          label={t('shifts.office')}
          value={officeId ? String(officeId) : ''}
          data={visibleOffices.map((o) => ({ value: String(o.id), label: o.name }))}
          onChange={(event) => set({ office: event.currentTarget.value, from: undefined, to: undefined })}
          w={220}
        />
        {table.data ? <PeriodControls table={table.data} view={view} set={set} /> : null}
      </Group>
      <ErrorAlert error={offices.error ?? table.error} />
      {table.isPending && officeId !== undefined ? <Loading /> : null}
      {officeId === undefined && offices.data ? <Text>{t('shifts.noOffice')}</Text> : null}
      {table.data ? <ShiftBoard table={table.data} view={view} /> : null}
    </AdminPage>
  );
}

function PeriodControls({
  table,
  view,
  set,
}: {
  table: ShiftTable;
  view: 'month' | 'week';
  set: (patch: Record<string, string | undefined>) => void;
}) {
  const { t } = useTranslation();
  const { period, limits } = table;
  const move = (days: number) => {
    if (view === 'week') {
      const week = weekOf(addDays(period.from, days), limits.weekStart);
      set({ from: week.from, to: week.to });
    } else {
      // The pay period before or after: a month earlier, or from the day after this one.
      const from = days < 0 ? shiftMonth(period.from, -1) : addDays(period.to, 1);
      set({ from, to: addDays(shiftMonth(from, 1), -1) });
    }
  };
  return (
    <Group gap="xs" align="flex-end">
      <SegmentedControl
        aria-label={t('shifts.view')}
        value={view}
        data={[
          { value: 'month', label: t('shifts.viewMonth') },
          { value: 'week', label: t('shifts.viewWeek') },
        ]}
        onChange={(value) => {
          if (value === 'week') {
            const week = weekOf(period.from, limits.weekStart);
            set({ view: 'week', from: week.from, to: week.to });
          } else set({ view: undefined, from: undefined, to: undefined });
        }}
      />
      <Button variant="default" onClick={() => move(view === 'week' ? -7 : -1)}>
        {view === 'week' ? t('shifts.previousWeek') : t('shifts.previousPeriod')}
      </Button>
      <Text fw={700}>
        {formatDate(period.from)}〜{formatDate(period.to)}
      </Text>
      <Button variant="default" onClick={() => move(view === 'week' ? 7 : 1)}>
        {view === 'week' ? t('shifts.nextWeek') : t('shifts.nextPeriod')}
      </Button>
    </Group>
  );
}

/** The same day of the month, months later (pay periods run from a 締め日 to the next). */
function shiftMonth(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}

function ShiftBoard({ table, view }: { table: ShiftTable; view: 'month' | 'week' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const officeId = table.office.id;
  const dates = useMemo(() => datesOf(table.period), [table.period]);
  const patterns = useMemo(() => new Map(table.patterns.map((p) => [p.id, p])), [table.patterns]);
  const cells = useMemo(
    () => new Map(table.cells.map((c) => [cellKey(c.staffId, c.date), c])),
    [table.cells],
  );
  const wishes = useMemo(
    () => new Map(table.wishes.map((w) => [cellKey(w.staffId, w.date), w])),
    [table.wishes],
  );
  const totals = useMemo(() => new Map(table.totals.byStaff.map((s) => [s.staffId, s])), [table.totals]);
  const dayTotals = useMemo(() => new Map(table.totals.byDate.map((d) => [d.date, d])), [table.totals]);
  const [editing, setEditing] = useState<{ staffId: number; date: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [paper, setPaper] = useState<'A4' | 'A3'>('A4');
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['shifts', officeId] });
  const save = useMutation({
    mutationFn: (input: { staffId: number; date: string } & CellInput) =>
      call(routes.shifts.saveCells, { params: { id: officeId }, body: { cells: [input] } }),
    onSuccess: refresh,
  });
  const publish = useMutation({
    mutationFn: () => call(routes.shifts.publish, { params: { id: officeId }, body: table.period }),
    onSuccess: async (answer) => {
      setPublishing(false);
      setNotice(t('shifts.published', { count: answer.published, notified: answer.notified }));
      await refresh();
    },
  });
  const copy = useMutation({
    mutationFn: (range: { from: string; to: string; target: string }) =>
      call(routes.shifts.copy, { params: { id: officeId }, body: range }),
    onSuccess: async (answer) => {
      setNotice(t('shifts.copied', { count: answer.copied }));
      await refresh();
    },
  });

  const assign = useCallback(
    (staffId: number, date: string, input: CellInput) => save.mutate({ staffId, date, ...input } as never),
    [save],
  );

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, row: number, col: number) => {
    const person = table.staff[row]!;
    const date = dates[col]!;
    const focus = (r: number, c: number) => {
      const target =
        table.staff[r] && dates[c] ? refs.current.get(cellKey(table.staff[r]!.id, dates[c]!)) : undefined;
      if (target) {
        event.preventDefault();
        target.focus();
      }
    };
    if (event.key === 'ArrowRight') return focus(row, col + 1);
    if (event.key === 'ArrowLeft') return focus(row, col - 1);
    if (event.key === 'ArrowDown') return focus(row + 1, col);
    if (event.key === 'ArrowUp') return focus(row - 1, col);
    if (!table.canEdit) return;
    if (/^[1-9]$/.test(event.key)) {
      const pattern = table.patterns[Number(event.key) - 1];
      if (pattern) {
        event.preventDefault();
        assign(person.id, date, { kind: 'pattern', patternId: pattern.id });
      }
    } else if (event.key === '0' || event.key === '-') {
      event.preventDefault();
      assign(person.id, date, { kind: 'off' });
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      assign(person.id, date, { kind: 'clear' });
    }
  };

  const { limits } = table;
  const week = weekOf(table.period.from, limits.weekStart);
  const previousRange =
    view === 'week'
      ? { from: addDays(week.from, -7), to: addDays(week.from, -1), target: table.period.from }
      : {
          from: shiftMonth(table.period.from, -1),
          to: addDays(table.period.from, -1),
          target: table.period.from,
        };
  const words = { off: t('shifts.off'), nextDay: t('shifts.nextDayShort') };

  return (
    <Stack gap="md">
      {paper === 'A3' ? <style>{'@media print { @page { size: A3 landscape; } }'}</style> : null}
      <PatternsCard
        officeId={officeId}
        patterns={table.patterns}
        canEdit={table.canEdit}
        onChanged={refresh}
      />
      <Group className="tc-no-print" gap="xs">
        {table.canEdit ? (
          <>
            <Button onClick={() => setPublishing(true)} disabled={table.unpublished === 0}>
              {t('shifts.publish')}
            </Button>
            <Button variant="default" onClick={() => copy.mutate(previousRange)} loading={copy.isPending}>
              {view === 'week' ? t('shifts.copyWeek') : t('shifts.copyPeriod')}
            </Button>
            <WishPeriodButton officeId={officeId} period={table.period} onOpened={refresh} />
          </>
        ) : null}
        <NativeSelect
          aria-label={t('shifts.paper')}
          value={paper}
          data={['A4', 'A3'].map((p) => ({ value: p, label: t('shifts.paperSize', { size: p }) }))}
          onChange={(event) => setPaper(event.currentTarget.value === 'A3' ? 'A3' : 'A4')}
          w={150}
        />
        <Button variant="default" onClick={() => window.print()}>
          {t('shifts.print')}
        </Button>
      </Group>
      {table.unpublished > 0 ? (
        <Text fz="sm" c="#9c3d00" fw={500}>
          {t('shifts.unpublished', { count: table.unpublished })}
        </Text>
      ) : (
        <Text fz="sm">{t('shifts.allPublished')}</Text>
      )}
      {table.wishPeriods.length > 0 ? (
        <Text fz="sm">
          {table.wishPeriods
            .map((p) =>
              t(p.open ? 'shifts.wishPeriodOpen' : 'shifts.wishPeriodClosed', {
                from: formatDate(p.from),
                to: formatDate(p.to),
                deadline: new Date(p.deadline).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }),
              }),
            )
            .join(' / ')}
        </Text>
      ) : null}
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={save.error ?? copy.error} />
      {table.canEdit ? (
        <Text fz="xs" c="dimmed" className="tc-no-print">
          {t('shifts.keyboardHint')}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={400} className="tc-print-full">
        <Table
          withTableBorder
          withColumnBorders
          fz="xs"
          verticalSpacing={2}
          horizontalSpacing={4}
          className="tc-shift-table"
        >
          <Table.Caption>
            {t('shifts.caption', {
              office: table.office.name,
              from: formatDate(table.period.from),
              to: formatDate(table.period.to),
            })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className="tc-sticky-date">
                {t('shifts.staff')}
              </Table.Th>
              {dates.map((date) => (
                <Table.Th
                  key={date}
                  scope="col"
                  ta="center"
                  data-date={date}
                  className={`tc-shift-day wd-${weekdayOf(date)}`}
                >
                  {Number(date.slice(8, 10))}
                  <br />
                  {t(`shifts.weekday.${WEEKDAY_KEYS[weekdayOf(date)]}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('shifts.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.staff.map((person, row) => {
              const total = totals.get(person.id);
              return (
                <Table.Tr key={person.id} data-staff-id={person.id}>
                  <Table.Th scope="row" className="tc-sticky-date" style={{ whiteSpace: 'nowrap' }}>
                    {person.name}
                    {person.code ? (
                      <Text span fz="xs" c="dimmed">
                        {' '}
                        {person.code}
                      </Text>
                    ) : null}
                  </Table.Th>
                  {dates.map((date, col) => {
                    const key = cellKey(person.id, date);
                    const cell = cells.get(key);
                    const wish = wishes.get(key);
                    const label = cellLabel(cell?.draft ?? null, patterns, words);
                    const over = total?.overDay.includes(date) ?? false;
                    return (
                      <Table.Td key={date} p={0} className={over ? 'tc-shift-over' : undefined}>
                        <UnstyledButton
                          ref={(el) => {
                            if (el) refs.current.set(key, el);
                            else refs.current.delete(key);
                          }}
                          className="tc-shift-cell"
                          data-status={cell?.status ?? 'empty'}
                          aria-label={t('shifts.cellLabel', {
                            name: person.name,
                            date: formatDate(date),
                            value: label.text || t('shifts.empty'),
                          })}
                          onKeyDown={(event) => onKey(event, row, col)}
                          onClick={() => table.canEdit && setEditing({ staffId: person.id, date })}
                          style={label.color ? { background: label.color, color: 'white' } : undefined}
                        >
                          <span>{label.text}</span>
                          {cell && cell.status === 'changed' ? (
                            <span className="tc-shift-mark">{t('shifts.changedMark')}</span>
                          ) : null}
                          {wish ? (
                            <span className="tc-shift-wish">
                              {wish.kind === 'off'
                                ? t('shifts.wishOff')
                                : t('shifts.wishAvailable', {
                                    span: spanText(wish.start, wish.end, words.nextDay),
                                  })}
                            </span>
                          ) : null}
                        </UnstyledButton>
                      </Table.Td>
                    );
                  })}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StaffTotal table={table} total={total} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row" className="tc-sticky-date">
                {t('shifts.dayTotal')}
              </Table.Th>
              {dates.map((date) => {
                const day = dayTotals.get(date);
                return (
                  <Table.Td key={date} ta="center">
                    {day ? (
                      <>
                        {t('shifts.people', { count: day.people })}
                        <br />
                        {formatMinutes(day.minutes)}
                      </>
                    ) : (
                      ''
                    )}
                  </Table.Td>
                );
              })}
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {editing ? (
        <CellModal
          table={table}
          target={editing}
          cell={cells.get(cellKey(editing.staffId, editing.date))}
          onClose={() => setEditing(null)}
          onSave={(input) => {
            assign(editing.staffId, editing.date, input);
            setEditing(null);
          }}
        />
      ) : null}
      <ConfirmModal
        opened={publishing}
        title={t('shifts.publishTitle')}
        onCancel={() => setPublishing(false)}
        onConfirm={() => publish.mutate()}
        loading={publish.isPending}
        error={publish.error}
      >
        <Text>
          {t('shifts.publishConfirm', {
            count: table.unpublished,
            from: formatDate(table.period.from),
            to: formatDate(table.period.to),
          })}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}

function StaffTotal({
  table,
  total,
}: {
  table: ShiftTable;
  total: ShiftTable['totals']['byStaff'][number] | undefined;
}) {
  const { t } = useTranslation();
  if (!total) return null;
  const { limits } = table;
  return (
    <Stack gap={0}>
      <Text fz="xs">
        {t('shifts.days', { count: total.days })} {formatMinutes(total.minutes)}
      </Text>
      {limits.variable && limits.frameMinutes !== null ? (
        <Text fz="xs" c={total.overFrame ? 'red.9' : undefined} fw={total.overFrame ? 700 : undefined}>
          {t('shifts.frame', {
            planned: formatMinutes(total.minutes),
            limit: formatMinutes(limits.frameMinutes),
          })}
          {total.overFrame ? ` ${t('shifts.overFrame')}` : ''}
        </Text>
      ) : null}
      {total.overWeek.length > 0 ? (
        <Text fz="xs" c="red.9" fw={700}>
          {limits.variable
            ? t('shifts.weekLikelyOvertime')
            : t('shifts.overWeek', { hours: limits.weeklyLimitMinutes / 60 })}
        </Text>
      ) : null}
      {total.overDay.length > 0 ? (
        <Text fz="xs" c="red.9" fw={700}>
          {limits.variable
            ? t('shifts.dayLikelyOvertime', { count: total.overDay.length })
            : t('shifts.overDay', { count: total.overDay.length, hours: limits.dailyLimitMinutes / 60 })}
        </Text>
      ) : null}
    </Stack>
  );
}

function CellModal({
  table,
  target,
  cell,
  onClose,
  onSave,
}: {
  table: ShiftTable;
  target: { staffId: number; date: string };
  cell: ShiftCell | undefined;
  onClose: () => void;
  onSave: (input: CellInput) => void;
}) {
  const { t } = useTranslation();
  const person = table.staff.find((s) => s.id === target.staffId);
  const draft = cell?.draft;
  const [start, setStart] = useState(draft && !draft.off ? (draft.start ?? '') : '');
  const [end, setEnd] = useState(draft && !draft.off ? (draft.end ?? '') : '');
  const [breakStart, setBreakStart] = useState(draft?.breaks[0]?.[0] ?? '');
  const [breakEnd, setBreakEnd] = useState(draft?.breaks[0]?.[1] ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('shifts.cellTitle', { name: person?.name ?? '', date: formatDate(target.date) })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Group gap="xs">
          {table.patterns.map((pattern: ShiftPattern, i) => (
            <Button
              key={pattern.id}
              style={{ background: pattern.color }}
              onClick={() => onSave({ kind: 'pattern', patternId: pattern.id })}
            >
              {i < 9 ? `${i + 1}. ` : ''}
              {pattern.name}
            </Button>
          ))}
          <Button variant="default" onClick={() => onSave({ kind: 'off' })}>
            {t('shifts.off')}
          </Button>
          <Button variant="default" color="red.9" onClick={() => onSave({ kind: 'clear' })}>
            {t('shifts.clear')}
          </Button>
        </Group>
        <Text fw={700}>{t('shifts.customTimes')}</Text>
        <Group>
          <TextInput
            type="time"
            label={t('shifts.start')}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            w={120}
          />
          <TextInput
            type="time"
            label={t('shifts.end')}
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
            w={120}
          />
          <TextInput
            type="time"
            label={t('shifts.breakStart')}
            value={breakStart}
            onChange={(e) => setBreakStart(e.currentTarget.value)}
            w={120}
          />
          <TextInput
            type="time"
            label={t('shifts.breakEnd')}
            value={breakEnd}
            onChange={(e) => setBreakEnd(e.currentTarget.value)}
            w={120}
          />
        </Group>
        <Text fz="xs" c="dimmed">
          {t('shifts.customHint')}
        </Text>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => {
              if (!/^\d{2}:\d{2}$/.test(start) || !/^\d{2}:\d{2}$/.test(end)) {
                setError(t('shifts.timesRequired'));
                return;
              }
              onSave({
                kind: 'custom',
                start,
                end,
                breaks: breakStart && breakEnd ? [[breakStart, breakEnd]] : [],
              });
            }}
          >
            {t('shifts.saveTimes')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function WishPeriodButton({
  officeId,
  period,
  onOpened,
}: {
  officeId: number;
  period: { from: string; to: string };
  onOpened: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [deadline, setDeadline] = useState('');
  const opening = useMutation({
    mutationFn: () =>
      call(routes.shifts.openWishes, {
        params: { id: officeId },
        body: { ...period, deadline: new Date(`${deadline}:00+09:00`).toISOString() },
      }),
    onSuccess: () => {
      setOpen(false);
      onOpened();
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('shifts.openWishes')}
      </Button>
      <ConfirmModal
        opened={open}
        title={t('shifts.openWishes')}
        onCancel={() => setOpen(false)}
        onConfirm={() => opening.mutate()}
        loading={opening.isPending}
        error={opening.error}
      >
        <Text>
          {t('shifts.openWishesText', { from: formatDate(period.from), to: formatDate(period.to) })}
        </Text>
        <TextInput
          type="datetime-local"
          label={t('shifts.deadline')}
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
        />
      </ConfirmModal>
    </>
  );
}
