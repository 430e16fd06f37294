import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { planAllows } from '@timecard/domain';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate, todayIso } from '../../shared/format.ts';
import { ISO_DATE_PATTERN } from '../../shared/formErrors.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { ShiftCsvCard } from '../shifts/ShiftCsvCard.tsx';
import { useOffices } from '../staff/staffQueries.ts';
import { HeldPunchesCard } from '../timecards/HeldPunchesCard.tsx';
import { PeriodLockControl } from '../timecards/PeriodLockControl.tsx';
import { SortableTh, useSortedRows } from '../timecards/SortableTh.tsx';
import { type SummaryRow, useAttendanceReport, usePeriodLocks } from '../timecards/timecardApi.ts';
import {
  addMonths,
  formatMinutes,
  type HoursFormat,
  payMonthOf,
  payPeriodOfMonth,
} from '../timecards/timecardFormat.ts';
import { ExportLayoutEditor, LayoutChoice, LayoutSummary, useExportLayouts } from './ExportLayouts.tsx';
import { PunchImportCard } from './PunchImportCard.tsx';
import '../timecards/timecard.css';

/** The table's columns: minutes (formatted as chosen) or days, in the order of the issue. */
const COLUMNS = [
  { key: 'code', kind: 'text' },
  { key: 'name', kind: 'text' },
  { key: 'attendedDays', kind: 'days' },
  { key: 'worked', kind: 'minutes' },
  { key: 'scheduledWithin', kind: 'minutes' },
  { key: 'statutoryWithinOvertime', kind: 'minutes' },
  { key: 'statutoryOvertime', kind: 'minutes' },
  { key: 'statutoryOvertimeUpTo60h', kind: 'minutes' },
  { key: 'statutoryOvertimeOver60h', kind: 'minutes' },
  { key: 'lateNight', kind: 'minutes' },
  { key: 'legalHolidayWork', kind: 'minutes' },
  { key: 'late', kind: 'minutes' },
  { key: 'earlyLeave', kind: 'minutes' },
  { key: 'absenceDays', kind: 'days' },
  { key: 'paidLeaveDays', kind: 'days' },
  { key: 'incompleteDays', kind: 'days' },
  // 残業は承認制 (ADR 025): shown only when someone has work past the approved end.
  { key: 'unapprovedOvertime', kind: 'minutes' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

type Encoding = 'utf-8' | 'shift_jis';

/** The month start day (締め日) of the contract: administrators read it from 勤務ルール. */
function useMonthStartDay(me: Me): number | null {
  const isAdmin = me.staff?.isAdmin === true;
  const rules = useQuery({
    queryKey: ['work-rules', 'contract'],
    queryFn: ({ signal }) => call(routes.timecards.getContractRules, {}, { signal }),
    enabled: isAdmin,
  });
  if (!isAdmin || rules.isError) return 1;
  return rules.data?.effective.monthStartDay ?? null;
}

/**
 * 集計・出力: one row per staff member for a range (by default the current pay period), in the
 * durations chosen for the CSV, and the payroll CSV itself from the same endpoint — so the file's
 * totals are the screen's. Administrators also close the period here and import punch history.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const monthStartDay = useMonthStartDay(me);
  const title = t('timecard.reports.title');
  if (monthStartDay === null) {
    return (
      <AdminPage title={title}>
        <Loading />
      </AdminPage>
    );
  }
  return <Reports me={me} monthStartDay={monthStartDay} />;
}

function Reports({ me, monthStartDay }: { me: Me; monthStartDay: number }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const isAdmin = me.staff?.isAdmin === true;
  const fallback = payPeriodOfMonth(payMonthOf(todayIso(), monthStartDay), monthStartDay);
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const from = ISO_DATE_PATTERN.test(fromParam) ? fromParam : fallback.from;
  const to = ISO_DATE_PATTERN.test(toParam) ? toParam : fallback.to;
  const officeParam = params.get('office');
  // Controls keep their own state and mirror it into the URL: the router applies URL changes in a
  // transition, and a controlled radio or select must show the choice at once.
  const [officeId, setOfficeId] = useState<number | undefined>(
    officeParam && /^\d+$/.test(officeParam) ? Number(officeParam) : undefined,
  );
  const [hours, setHours] = useState<HoursFormat>(params.get('hours') === 'decimal' ? 'decimal' : 'hmm');
  const [encoding, setEncoding] = useState<Encoding>(
    params.get('encoding') === 'shift_jis' ? 'shift_jis' : 'utf-8',
  );
  const [layoutId, setLayoutId] = useState(params.get('layout') ?? '');
  const layouts = useExportLayouts();
  const layout = layouts.data?.find((l) => String(l.id) === layoutId);
  const [notice, setNotice] = useState<string | null>(null);
  const [fromInput, setFromInput] = useState(from);
  const [toInput, setToInput] = useState(to);

  const offices = useOffices();
  const visibleOffices = (offices.data ?? []).filter(
    (office) => isAdmin || me.staff?.offices.some((o) => o.officeId === office.id && o.attendance !== 'none'),
  );
  const report = useAttendanceReport({ from, to, officeId });
  const locks = usePeriodLocks();
  const lock = locks.data?.find((l) => l.periodFrom <= from && from <= l.periodTo);
  const lockPeriod = lock
    ? { from: lock.periodFrom, to: lock.periodTo }
    : payPeriodOfMonth(payMonthOf(from, monthStartDay), monthStartDay);

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  const shiftPeriod = (months: number) => {
    const period = payPeriodOfMonth(addMonths(payMonthOf(from, monthStartDay), months), monthStartDay);
    setFromInput(period.from);
    setToInput(period.to);
    set({ from: period.from, to: period.to });
  };

  const sortValue = useCallback((row: SummaryRow, key: ColumnKey) => {
    const value = row[key];
    return value === null ? null : value;
  }, []);
  const rows = report.data?.rows ?? [];
  const { sorted, sort, toggle } = useSortedRows<SummaryRow, ColumnKey>(
    rows,
    { key: 'code', direction: 'asc' },
    sortValue,
  );
  const columns = COLUMNS.filter(
    (column) => column.key !== 'unapprovedOvertime' || rows.some((row) => row.unapprovedOvertime > 0),
  );
  const total = (key: ColumnKey) => rows.reduce((sum, row) => sum + Number(row[key] ?? 0), 0);
  const cell = (row: SummaryRow, column: (typeof COLUMNS)[number]) => {
    if (column.kind === 'minutes') return formatMinutes(row[column.key] as number, hours);
    return String(row[column.key] ?? '');
  };

  const csvQuery = new URLSearchParams({ from, to, encoding, hours });
  if (officeId !== undefined) csvQuery.set('officeId', String(officeId));
  if (layout) csvQuery.set('layout', String(layout.id));
  const csvHref = `/api/v1/reports/attendance.csv?${csvQuery.toString()}`;
  const month = from.slice(0, 7);
  const timecardLink = (row: SummaryRow) =>
    Number(from.slice(8)) === monthStartDay
      ? `/admin/timecards/${row.staffId}?month=${month}`
      : `/admin/timecards/${row.staffId}`;

  return (
    <AdminPage title={t('timecard.reports.title')}>
      <Card withBorder padding="sm" className="tc-no-print">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('timecard.reports.from')}
            type="date"
            value={fromInput}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setFromInput(value);
              if (ISO_DATE_PATTERN.test(value)) set({ from: value });
            }}
            w={170}
          />
          <TextInput
            label={t('timecard.reports.to')}
            type="date"
            value={toInput}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setToInput(value);
              if (ISO_DATE_PATTERN.test(value)) set({ to: value });
            }}
            w={170}
          />
          <Button variant="default" onClick={() => shiftPeriod(-1)}>
            {t('timecard.previousMonth')}
          </Button>
          <Button variant="default" onClick={() => shiftPeriod(1)}>
            {t('timecard.nextMonth')}
          </Button>
          <NativeSelect
            label={t('timecard.reports.office')}
            value={officeId === undefined ? '' : String(officeId)}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setOfficeId(value ? Number(value) : undefined);
              set({ office: value });
            }}
            data={[
              ...(isAdmin
                ? [{ value: '', label: t('timecard.reports.allOffices') }]
                : [{ value: '', label: t('timecard.reports.myOffices') }]),
              ...visibleOffices.map((office) => ({ value: String(office.id), label: office.name })),
            ]}
            miw={200}
          />
        </Group>
      </Card>

      <Group justify="space-between" align="center">
        <Text>{t('timecard.reports.range', { from: formatDate(from), to: formatDate(to) })}</Text>
        <PeriodLockControl
          period={lockPeriod}
          locked={lock !== undefined}
          canManage={isAdmin}
          onChanged={setNotice}
        />
      </Group>

      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={report.error} />
      {report.isPending && !report.isError ? (
        <Loading />
      ) : report.data ? (
        <>
          <Table.ScrollContainer minWidth={1200} className="tc-print-full">
            <Table striped highlightOnHover withTableBorder verticalSpacing={4} horizontalSpacing={6} fz="sm">
              <Table.Caption>
                {t('timecard.reports.caption', { from: formatDate(from), to: formatDate(to) })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <SortableTh
                      key={column.key}
                      column={column.key as ColumnKey}
                      sort={sort}
                      onSort={toggle}
                      numeric={column.kind !== 'text'}
                    >
                      {t(`timecard.reports.columns.${column.key}`)}
                    </SortableTh>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={columns.length}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('timecard.reports.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  sorted.map((row) => (
                    <Table.Tr key={row.staffId} data-staff-id={row.staffId}>
                      {columns.map((column) =>
                        column.key === 'name' ? (
                          <Table.Th key={column.key} scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                            <Anchor component={Link} to={timecardLink(row)} fz="sm">
                              {row.name}
                            </Anchor>
                          </Table.Th>
                        ) : (
                          <Table.Td
                            key={column.key}
                            ta={column.kind === 'text' ? undefined : 'right'}
                            style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                            c={
                              column.key === 'incompleteDays' && row.incompleteDays > 0 ? 'red.9' : undefined
                            }
                          >
                            {cell(row, column)}
                          </Table.Td>
                        ),
                      )}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
              {rows.length > 1 ? (
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    <Table.Th scope="row" colSpan={2}>
                      {t('timecard.totals.row')}
                    </Table.Th>
                    {columns.slice(2).map((column) => (
                      <Table.Td key={column.key} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {column.kind === 'minutes'
                          ? formatMinutes(total(column.key), hours)
                          : String(total(column.key))}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                </Table.Tfoot>
              ) : null}
            </Table>
          </Table.ScrollContainer>
          <VariableFrames rows={rows} />
        </>
      ) : null}

      <Card withBorder padding="sm" className="tc-no-print">
        <Title order={2} size="h4" mb="xs">
          {t('timecard.reports.download')}
        </Title>
        <Group align="flex-start" gap="xl">
          <LayoutChoice
            layouts={layouts.data ?? []}
            value={layout ? layoutId : ''}
            onChange={(value) => {
              setLayoutId(value);
              set({ layout: value });
            }}
          />
          {layout ? (
            <LayoutSummary layout={layout} />
          ) : (
            <>
              <Radio.Group
                label={t('timecard.reports.encoding')}
                value={encoding}
                onChange={(value) => {
                  setEncoding(value === 'shift_jis' ? 'shift_jis' : 'utf-8');
                  set({ encoding: value === 'shift_jis' ? 'shift_jis' : undefined });
                }}
              >
                <Stack gap={4} mt={4}>
                  <Radio value="utf-8" label={t('timecard.reports.utf8')} />
                  <Radio value="shift_jis" label={t('timecard.reports.shiftJis')} />
                </Stack>
              </Radio.Group>
              <Radio.Group
                label={t('timecard.reports.hours')}
                value={hours}
                onChange={(value) => {
                  setHours(value === 'decimal' ? 'decimal' : 'hmm');
                  set({ hours: value === 'decimal' ? 'decimal' : undefined });
                }}
              >
                <Stack gap={4} mt={4}>
                  <Radio value="decimal" label={t('timecard.reports.decimal')} />
                  <Radio value="hmm" label={t('timecard.reports.hmm')} />
                </Stack>
              </Radio.Group>
            </>
          )}
          <Stack gap={4} align="flex-start">
            <Button component="a" href={csvHref} download mt="md">
              {t('timecard.reports.csv')}
            </Button>
            <Text fz="xs" c="dimmed" maw={320}>
              {t('timecard.reports.csvHint')}
            </Text>
          </Stack>
        </Group>
      </Card>

      {isAdmin ? <ExportLayoutEditor layouts={layouts.data ?? []} /> : null}
      {isAdmin ? <HeldPunchesCard /> : null}
      {isAdmin ? <PunchImportCard csrfToken={me.csrfToken} /> : null}
      {isAdmin && me.contract && planAllows(me.contract.plan, 'shifts') ? (
        <ShiftCsvCard
          offices={visibleOffices}
          from={from}
          to={to}
          encoding={encoding}
          csrfToken={me.csrfToken}
        />
      ) : null}
    </AdminPage>
  );
}

/** 1か月単位の変形労働時間制: the 変形期間's legal frame beside the worked hours of those it applies to. */
function VariableFrames({ rows }: { rows: SummaryRow[] }) {
  const { t } = useTranslation();
  const byFrame = new Map<number, SummaryRow[]>();
  for (const row of rows) {
    if (row.variableFrameMinutes === undefined) continue;
    byFrame.set(row.variableFrameMinutes, [...(byFrame.get(row.variableFrameMinutes) ?? []), row]);
  }
  if (byFrame.size === 0) return null;
  return (
    <Stack gap={2} mt="xs">
      {[...byFrame].map(([frame, list]) => (
        <Text key={frame} fz="sm" className="tc-variable-frame">
          {t('timecard.reports.variableFrame', {
            frame: formatMinutes(frame),
            people: list
              .map(
                (r) =>
                  `${r.name} ${formatMinutes(r.worked)}${r.worked > frame ? ` ${t('timecard.reports.overFrame')}` : ''}`,
              )
              .join('、'),
          })}
        </Text>
      ))}
    </Stack>
  );
}
