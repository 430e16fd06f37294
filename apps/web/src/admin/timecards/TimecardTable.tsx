import {
  Anchor,
  Badge,
  Button,
  CloseButton,
  Group,
  Popover,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../shared/format.ts';
import { PunchEvidenceMarks } from '../PunchEvidenceMarks.tsx';
import { SortableTh, useSortedRows } from './SortableTh.tsx';
import type { Figures, Timecard, TimecardDay, TimecardPunch } from './timecardApi.ts';
import {
  formatDayMinutes,
  formatMinutes,
  type HoursFormat,
  punchClock,
  weekdayOf,
} from './timecardFormat.ts';

/** The minute columns of a timecard row, in the order of the table (labor-rules.md §4). */
export const DAY_COLUMNS = [
  'worked',
  'scheduledWithin',
  'statutoryWithinOvertime',
  'statutoryOvertime',
  'lateNight',
  'legalHolidayWork',
  'late',
  'earlyLeave',
  'privateOut',
] as const satisfies readonly (keyof Figures)[];

type SortKey = 'date' | (typeof DAY_COLUMNS)[number];

/** The calendar day after a `YYYY-MM-DD` date. */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The colour of a date: Sunday and 祝日 red, Saturday blue (dark shades, for AA contrast). */
export function dateColor(date: string, holiday: string | null): string | undefined {
  const weekday = weekdayOf(date);
  if (weekday === 0 || holiday) return 'red.9';
  if (weekday === 6) return 'blue.9';
  return undefined;
}

/** A warning `CODE@date` or an incomplete code in words; an unknown code is shown as it is. */
export function useWarningText() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (code: string) => {
      const bare = code.split('@')[0] ?? code;
      const key = `timecard.warnings.${bare}`;
      return i18n.exists(key) ? t(key) : bare;
    },
    [t, i18n],
  );
}

/**
 * タイムカード: a dense row per day (product.md §7) with the punches, breaks and every figure of the
 * engine, warnings and incomplete days highlighted, corrected punches marked with their 修正履歴,
 * and the period totals in the footer (which always equal the sum of the rows).
 */
export function TimecardTable({
  timecard,
  hours,
  onCorrect,
  onRequest = null,
}: {
  timecard: Timecard;
  hours: HoursFormat;
  onCorrect: ((day: TimecardDay) => void) | null;
  /** 【修正申請】 (ワークフロー, issue 18): one's own timecard, to ask an approver for a correction. */
  onRequest?: ((day: TimecardDay) => void) | null;
}) {
  const { t } = useTranslation();
  const warningText = useWarningText();
  const sortValue = useCallback(
    (day: TimecardDay, key: SortKey) => (key === 'date' ? day.date : day.figures[key]),
    [],
  );
  const { sorted, sort, toggle } = useSortedRows<TimecardDay, SortKey>(
    timecard.days,
    { key: 'date', direction: 'asc' },
    sortValue,
  );
  const actions = Boolean(onCorrect || onRequest);
  const columns = actions ? 15 : 14;

  return (
    <Table.ScrollContainer minWidth={1100} className="tc-print-full">
      <Table
        className="tc-timecard-table"
        striped
        highlightOnHover
        withTableBorder
        withColumnBorders
        verticalSpacing={4}
        horizontalSpacing={6}
        fz="sm"
      >
        <Table.Caption className="tc-print-hide-caption">
          {t('timecard.table.caption', {
            name: timecard.staff.name,
            from: formatDate(timecard.period.from),
            to: formatDate(timecard.period.to),
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="date" sort={sort} onSort={toggle} className="tc-sticky-date">
              {t('timecard.columns.date')}
            </SortableTh>
            <Table.Th scope="col">{t('timecard.columns.clockIn')}</Table.Th>
            <Table.Th scope="col">{t('timecard.columns.clockOut')}</Table.Th>
            <Table.Th scope="col">{t('timecard.columns.breaks')}</Table.Th>
            {DAY_COLUMNS.map((column) => (
              <SortableTh key={column} column={column} sort={sort} onSort={toggle} numeric>
                {t(`timecard.columns.${column}`)}
              </SortableTh>
            ))}
            <Table.Th scope="col">{t('timecard.columns.warnings')}</Table.Th>
            {actions ? (
              <Table.Th scope="col" className="tc-no-print">
                {t('timecard.columns.actions')}
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((day) => {
            const problem = day.incomplete.length > 0;
            const warned = day.warnings.length > 0;
            return (
              <Table.Tr
                key={day.date}
                bg={problem ? 'red.0' : warned ? 'yellow.0' : undefined}
                data-date={day.date}
              >
                <Table.Th scope="row" fw={500} className="tc-sticky-date" style={{ whiteSpace: 'nowrap' }}>
                  <Text span fz="sm" fw={500} c={dateColor(day.date, day.holiday)}>
                    {formatDate(day.date)}
                  </Text>
                  {day.holiday ? (
                    <Text fz="xs" c="red.9">
                      {day.holiday}
                    </Text>
                  ) : null}
                  {day.shift ? (
                    <Text fz="xs" className="tc-day-shift">
                      {day.shift.off
                        ? t('timecard.shiftOff')
                        : t('timecard.shift', { start: day.shift.start, end: day.shift.end })}
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>
                  <PunchList day={day} types={['clock_in']} />
                </Table.Td>
                <Table.Td>
                  <PunchList day={day} types={['clock_out']} />
                </Table.Td>
                <Table.Td>
                  <BreakList day={day} />
                </Table.Td>
                {DAY_COLUMNS.map((column) => (
                  <Table.Td key={column} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatDayMinutes(day.figures[column], hours)}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Stack gap={2}>
                    {/* Words that wrap, not badges: a narrow column clipped a badge to a red square. */}
                    {day.incomplete.map((code) => (
                      <Text key={code} fz="xs" fw={700} c="red.9" className="tc-warning">
                        {warningText(code)}
                      </Text>
                    ))}
                    {day.warnings.map((code) => (
                      // orange.9 is 4.3:1 on white, below AA for this small text; this brown is 5.7:1.
                      <Text key={code} fz="xs" c="#9c3d00" className="tc-warning">
                        {warningText(code)}
                      </Text>
                    ))}
                    {day.overtimeSteps ? (
                      <Text fz="xs" className="tc-overtime-steps">
                        {t('timecard.variable.steps', {
                          day: formatMinutes(day.overtimeSteps.day),
                          week: formatMinutes(day.overtimeSteps.week),
                          period: formatMinutes(day.overtimeSteps.period),
                        })}
                      </Text>
                    ) : null}
                    {day.unapprovedOvertime.map((u) => (
                      <Text key={u.from} fz="xs" c="#9c3d00" className="tc-unapproved-overtime">
                        {t('timecard.unapprovedOvertime', {
                          from: punchClock(u.from, day.date, t('timecard.nextDay')),
                          to: punchClock(u.to, day.date, t('timecard.nextDay')),
                          duration: formatMinutes(u.minutes),
                        })}
                      </Text>
                    ))}
                    {day.figures.absenceDays > 0 ? (
                      <Text fz="xs" c="dimmed">
                        {t('timecard.absence')}
                      </Text>
                    ) : null}
                    {day.standing === 'before_hire' || day.standing === 'after_retire' ? (
                      <Text fz="xs" c="dimmed">
                        {t(`timecard.standing.${day.standing}`)}
                      </Text>
                    ) : null}
                    {day.standing === 'not_ended' &&
                    day.date === nextDay(timecard.lastEnded) &&
                    day.punches.length === 0 ? (
                      <Text fz="xs" c="dimmed">
                        {t('timecard.standing.today')}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                {actions ? (
                  <Table.Td className="tc-no-print">
                    <Group gap={4} wrap="nowrap">
                      {onCorrect ? (
                        <Button size="compact-xs" variant="default" onClick={() => onCorrect(day)}>
                          {t('timecard.correct.open')}
                        </Button>
                      ) : null}
                      {onRequest && day.standing !== 'before_hire' && day.standing !== 'after_retire' ? (
                        <Button size="compact-xs" variant="default" onClick={() => onRequest(day)}>
                          {t('requests.requestCorrection')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Th scope="row">{t('timecard.totals.row')}</Table.Th>
            <Table.Td colSpan={3}>
              {t('timecard.totals.attendedDaysShort', { count: timecard.totals.attendedDays })}
            </Table.Td>
            {DAY_COLUMNS.map((column) => (
              <Table.Td key={column} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatMinutes(timecard.totals[column], hours)}
              </Table.Td>
            ))}
            <Table.Td colSpan={columns - 4 - DAY_COLUMNS.length}>
              {timecard.totals.incompleteDays > 0
                ? t('timecard.totals.incompleteShort', { count: timecard.totals.incompleteDays })
                : ''}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function sortedPunches(day: TimecardDay) {
  return [...day.punches].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
}

function PunchList({ day, types }: { day: TimecardDay; types: TimecardPunch['type'][] }) {
  const { t } = useTranslation();
  const punches = sortedPunches(day).filter((p) => types.includes(p.type));
  if (punches.length === 0) return null;
  return (
    <Stack gap={2}>
      {punches.map((punch) => (
        <Group key={punch.id} gap={4} wrap="nowrap">
          <Text span fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {punchClock(punch.at, day.date, t('timecard.nextDay'))}
          </Text>
          {punch.countedAt ? (
            <Text span fz="xs" style={{ whiteSpace: 'nowrap' }}>
              {t('timecard.countedAt', {
                time: punchClock(punch.countedAt, day.date, t('timecard.nextDay')),
              })}
            </Text>
          ) : null}
          <PunchMark punch={punch} />
        </Group>
      ))}
    </Stack>
  );
}

/** Breaks as start–end pairs in punch order; a break left open shows only its start. */
function BreakList({ day }: { day: TimecardDay }) {
  const { t } = useTranslation();
  const pairs: { start?: TimecardPunch; end?: TimecardPunch }[] = [];
  for (const punch of sortedPunches(day)) {
    if (punch.type === 'break_start') pairs.push({ start: punch });
    else if (punch.type === 'break_end') {
      const open = pairs.at(-1);
      if (open?.start && !open.end) open.end = punch;
      else pairs.push({ end: punch });
    }
  }
  if (pairs.length === 0) return null;
  const clock = (punch?: TimecardPunch) =>
    punch ? punchClock(punch.at, day.date, t('timecard.nextDay')) : '';
  return (
    <Stack gap={2}>
      {pairs.map((pair) => (
        <Group key={(pair.start ?? pair.end)!.id} gap={4} wrap="nowrap">
          <Text span fz="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {clock(pair.start)}–{clock(pair.end)}
          </Text>
          {pair.start ? <PunchMark punch={pair.start} /> : null}
          {pair.end ? <PunchMark punch={pair.end} /> : null}
        </Group>
      ))}
    </Stack>
  );
}

/**
 * 修正済 (with its 修正履歴 in a popover) or 追加 for a punch entered in the 管理画面; the photo and
 * position taken with it (issue 20).
 */
function PunchMark({ punch }: { punch: TimecardPunch }) {
  const { t } = useTranslation();
  const evidence = (
    <PunchEvidenceMarks
      punch={punch}
      label={`${t(`timecard.punchTypes.${punch.type}`)} ${punch.at.slice(0, 10).replaceAll('-', '/')} ${punch.at.slice(11, 16)}`}
    />
  );
  if (punch.photoPunchId !== undefined || punch.flags.location) {
    return (
      <>
        {evidence}
        <PunchMarkOnly punch={punch} />
      </>
    );
  }
  return <PunchMarkOnly punch={punch} />;
}

function PunchMarkOnly({ punch }: { punch: TimecardPunch }) {
  const { t } = useTranslation();
  if (punch.corrected) return <CorrectionHistory punch={punch} />;
  if (punch.source === 'admin') {
    return (
      <Badge size="xs" variant="outline" color="gray.8" radius="sm" tt="none">
        {t('timecard.history.added')}
      </Badge>
    );
  }
  return null;
}

function CorrectionHistory({ punch }: { punch: TimecardPunch }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const version = (v: { type: string; at: string } | null) =>
    v
      ? `${t(`timecard.punchTypes.${v.type}`)} ${v.at.slice(0, 10).replaceAll('-', '/')} ${v.at.slice(11, 16)}`
      : '—';
  return (
    // Focus moves into the popover (and back on close), so Escape and 閉じる both dismiss it.
    <Popover
      width={360}
      position="bottom-start"
      withArrow
      shadow="md"
      trapFocus
      returnFocus
      opened={opened}
      onChange={setOpened}
    >
      <Popover.Target>
        <UnstyledButton
          aria-label={t('timecard.history.open', { time: punch.at.slice(11, 16) })}
          aria-expanded={opened}
          onClick={() => setOpened((o) => !o)}
        >
          <Badge
            size="xs"
            variant="filled"
            color="grape.9"
            radius="sm"
            tt="none"
            style={{ cursor: 'pointer' }}
          >
            {t('timecard.history.corrected')}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('timecard.history.title')} role="dialog">
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} fz="sm">
              {t('timecard.history.title')}
            </Text>
            <CloseButton size="sm" aria-label={t('common.close')} onClick={() => setOpened(false)} />
          </Group>
          {punch.history.map((entry) => (
            <Stack key={`${entry.at}-${entry.after.at}`} gap={0}>
              <Text fz="xs" c="dimmed">
                {formatDate(entry.at.slice(0, 10))} {entry.at.slice(11, 16)} {entry.by ?? ''}
              </Text>
              <Text fz="sm">
                {version(entry.before)} → {version(entry.after)}
              </Text>
              <Text fz="sm">{t('timecard.history.reason', { reason: entry.reason ?? '' })}</Text>
              {entry.requestId ? (
                <Anchor component={Link} to={`/admin/requests/${entry.requestId}`} fz="sm">
                  {t('requests.historyRequest', { id: entry.requestId })}
                </Anchor>
              ) : null}
            </Stack>
          ))}
          {punch.original ? (
            <Text fz="sm" fw={500}>
              {t('timecard.history.original', { punch: version(punch.original) })}
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
