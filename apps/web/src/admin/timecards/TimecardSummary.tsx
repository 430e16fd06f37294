import { Box, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures, Timecard } from './timecardApi.ts';
import { formatMinutes, type HoursFormat, weekdayOf } from './timecardFormat.ts';

type TotalRow = { key: string; label: string; value: string };

/**
 * The period totals (出勤日数 … 未打刻日数) as a two-column table, each figure with its name. When
 * 月次の30分単位端数処理 is on, the rounded totals (時間外・休日・深夜 only) are shown beside them.
 */
export function TimecardTotals({ timecard, hours }: { timecard: Timecard; hours: HoursFormat }) {
  const { t } = useTranslation();
  const totals = timecard.totals;
  // Only the premium totals are rounded (時間外・休日・深夜); the others have no rounded value.
  const roundedTotals: Partial<Figures> | undefined = totals.rounded;
  const d = (field: keyof Figures) => {
    const value = formatMinutes(totals[field], hours);
    const rounded = roundedTotals?.[field];
    return rounded !== undefined && rounded !== totals[field]
      ? `${value}（${t('timecard.totals.rounded', { value: formatMinutes(rounded, hours) })}）`
      : value;
  };
  const days = (count: number) => t('timecard.totals.days', { count });
  const rows: TotalRow[] = [
    { key: 'attendedDays', label: t('timecard.totals.attendedDays'), value: days(totals.attendedDays) },
    { key: 'worked', label: t('timecard.totals.worked'), value: d('worked') },
    { key: 'scheduledWithin', label: t('timecard.totals.scheduledWithin'), value: d('scheduledWithin') },
    {
      key: 'statutoryWithinOvertime',
      label: t('timecard.totals.statutoryWithinOvertime'),
      value: d('statutoryWithinOvertime'),
    },
    {
      key: 'statutoryOvertime',
      label: t('timecard.totals.statutoryOvertime'),
      value: d('statutoryOvertime'),
    },
    {
      key: 'statutoryOvertimeUpTo60h',
      label: t('timecard.totals.statutoryOvertimeUpTo60h'),
      value: d('statutoryOvertimeUpTo60h'),
    },
    {
      key: 'statutoryOvertimeOver60h',
      label: t('timecard.totals.statutoryOvertimeOver60h'),
      value: d('statutoryOvertimeOver60h'),
    },
    { key: 'lateNight', label: t('timecard.totals.lateNight'), value: d('lateNight') },
    { key: 'legalHolidayWork', label: t('timecard.totals.legalHolidayWork'), value: d('legalHolidayWork') },
    { key: 'late', label: t('timecard.totals.late'), value: d('late') },
    { key: 'earlyLeave', label: t('timecard.totals.earlyLeave'), value: d('earlyLeave') },
    { key: 'privateOut', label: t('timecard.totals.privateOut'), value: d('privateOut') },
    { key: 'absenceDays', label: t('timecard.totals.absenceDays'), value: days(totals.absenceDays) },
    { key: 'incompleteDays', label: t('timecard.totals.incompleteDays'), value: days(totals.incompleteDays) },
    // 残業は承認制: work past the limit without an approved 残業申請, shown but not in the figures above.
    ...(totals.unapprovedOvertime > 0
      ? [
          {
            key: 'unapprovedOvertime',
            label: t('timecard.totals.unapprovedOvertime'),
            value: formatMinutes(totals.unapprovedOvertime, hours),
          },
        ]
      : []),
  ];
  return (
    <Card withBorder padding="sm" className="tc-totals">
      <Table verticalSpacing={2} horizontalSpacing="xs" fz="sm" aria-labelledby="tc-totals-title">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>
          <Title order={2} size="h4" id="tc-totals-title" c="var(--mantine-color-text)">
            {t('timecard.totals.title')}
          </Title>
        </Table.Caption>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-total={row.key}>
              <Table.Th scope="row" fw={500}>
                {row.label}
              </Table.Th>
              <Table.Td ta="right" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {row.value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

const CHART = { width: 720, height: 200, top: 12, bottom: 28, left: 34, right: 8 };

/**
 * The month's daily worked hours as bars against the 8-hour line (product.md §7: where people would
 * rather look than read). Plain SVG; the numbers themselves are in the table above.
 */
export function DailyHoursChart({ timecard }: { timecard: Timecard }) {
  const { t } = useTranslation();
  const titleId = useId();
  const days = timecard.days;
  const maxHours = Math.max(12, Math.ceil(Math.max(0, ...days.map((d) => d.figures.worked)) / 60));
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const y = (hours: number) => CHART.top + plotHeight - (hours / maxHours) * plotHeight;
  const ticks = Array.from({ length: Math.floor(maxHours / 4) + 1 }, (_, i) => i * 4);
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h4" id={titleId} mb={4}>
        {t('timecard.chart.title')}
      </Title>
      <Box
        component="svg"
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={{ display: 'block', maxHeight: 240 }}
      >
        <title>{t('timecard.chart.description')}</title>
        {ticks.map((hours) => (
          <g key={hours}>
            <line
              x1={CHART.left}
              x2={CHART.width - CHART.right}
              y1={y(hours)}
              y2={y(hours)}
              stroke="#e9ecef"
            />
            <text x={CHART.left - 4} y={y(hours) + 4} fontSize="10" textAnchor="end" fill="#495057">
              {hours}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const hours = day.figures.worked / 60;
          const overtime = day.figures.statutoryOvertime > 0;
          const weekday = weekdayOf(day.date);
          return (
            <g key={day.date}>
              {hours > 0 ? (
                <rect
                  x={CHART.left + i * slot + slot * 0.15}
                  width={slot * 0.7}
                  y={y(hours)}
                  height={y(0) - y(hours)}
                  fill={overtime ? '#e8590c' : '#0c8599'}
                >
                  <title>{`${day.date.slice(5).replace('-', '/')} ${formatMinutes(day.figures.worked)}`}</title>
                </rect>
              ) : null}
              <text
                x={CHART.left + i * slot + slot / 2}
                y={CHART.height - CHART.bottom + 14}
                fontSize="9"
                textAnchor="middle"
                fill={weekday === 0 || day.holiday ? '#c92a2a' : weekday === 6 ? '#1864ab' : '#495057'}
              >
                {Number(day.date.slice(8))}
              </text>
            </g>
          );
        })}
        <line
          x1={CHART.left}
          x2={CHART.width - CHART.right}
          y1={y(8)}
          y2={y(8)}
          stroke="#c92a2a"
          strokeDasharray="6 4"
          strokeWidth="1.5"
        />
        <text x={CHART.width - CHART.right} y={y(8) - 4} fontSize="10" textAnchor="end" fill="#c92a2a">
          {t('timecard.chart.eightHours')}
        </text>
      </Box>
      <Text fz="xs" c="dimmed">
        {t('timecard.chart.legend')}
      </Text>
    </Card>
  );
}

/**
 * The month's 法定外残業 against the 36協定 lines (labor-rules.md §7): 45 hours a month for 時間外,
 * and under 100 hours for 時間外 + 休日.
 */
export function Agreement36Gauge({ timecard }: { timecard: Timecard }) {
  const { t } = useTranslation();
  const { overtimeMinutes, overtimePlusLegalHolidayMinutes } = timecard.agreement36;
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h4" mb={4}>
        {t('timecard.agreement36.title')}
      </Title>
      <Stack gap="sm">
        <Gauge
          label={t('timecard.agreement36.overtime')}
          minutes={overtimeMinutes}
          limitMinutes={45 * 60}
          limitLabel={t('timecard.agreement36.line45')}
        />
        <Gauge
          label={t('timecard.agreement36.overtimeAndHoliday')}
          minutes={overtimePlusLegalHolidayMinutes}
          limitMinutes={100 * 60}
          limitLabel={t('timecard.agreement36.line100')}
        />
      </Stack>
    </Card>
  );
}

function Gauge({
  label,
  minutes,
  limitMinutes,
  limitLabel,
}: {
  label: string;
  minutes: number;
  limitMinutes: number;
  limitLabel: string;
}) {
  const { t } = useTranslation();
  const scale = Math.max(limitMinutes * 1.25, minutes);
  const width = 400;
  const x = (m: number) => (m / scale) * width;
  const over = minutes >= limitMinutes;
  const text = t('timecard.agreement36.value', {
    value: formatMinutes(minutes),
    limit: formatMinutes(limitMinutes),
  });
  return (
    <div>
      <Text fz="sm" fw={500}>
        {label}: {text}
        {over ? (
          <Text span c="red.9" fw={700} ml={6}>
            {t('timecard.agreement36.over')}
          </Text>
        ) : null}
      </Text>
      <Box
        component="svg"
        viewBox={`0 0 ${width} 30`}
        width="100%"
        style={{ display: 'block', maxHeight: 40 }}
        aria-hidden="true"
      >
        <rect x={0} y={6} width={width} height={14} fill="#f1f3f5" />
        <rect
          x={0}
          y={6}
          width={x(minutes)}
          height={14}
          fill={over ? '#c92a2a' : minutes >= limitMinutes * 0.8 ? '#e8590c' : '#0c8599'}
        />
        <line x1={x(limitMinutes)} x2={x(limitMinutes)} y1={0} y2={26} stroke="#212529" strokeWidth="2" />
        <text x={Math.min(x(limitMinutes) + 4, width - 60)} y={29} fontSize="9" fill="#212529">
          {limitLabel}
        </text>
      </Box>
    </div>
  );
}

/**
 * 1か月単位の変形労働時間制 (labor-rules.md §4.2): each 変形期間's legal frame (40 h × days ÷ 7), the
 * plan and, for a whole period, the hours worked; a plan over the frame is marked.
 */
export function VariablePeriodCard({ timecard }: { timecard: Timecard }) {
  const { t } = useTranslation();
  if (!timecard.variablePeriods?.length) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h4" mb={4}>
        {t('timecard.variable.title')}
      </Title>
      <Stack gap={4}>
        {timecard.variablePeriods.map((p) => (
          <Box key={p.from}>
            <Text fz="sm">
              {t('timecard.variable.frame', {
                from: p.from.replaceAll('-', '/'),
                to: p.to.replaceAll('-', '/'),
                frame: formatMinutes(p.frameMinutes),
                scheduled: formatMinutes(p.scheduledMinutes),
              })}
            </Text>
            {p.workedMinutes !== null ? (
              <Text fz="sm">{t('timecard.variable.worked', { worked: formatMinutes(p.workedMinutes) })}</Text>
            ) : null}
            {p.scheduledMinutes > p.frameMinutes ? (
              <Text fz="sm" fw={700} c="red.9">
                {t('timecard.variable.over')}
              </Text>
            ) : null}
          </Box>
        ))}
      </Stack>
    </Card>
  );
}
