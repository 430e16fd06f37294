import { BarChart, CompositeChart } from '@mantine/charts';
import { Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { hoursOf, hoursText } from './hours.ts';
import '@mantine/charts/styles.css';

/**
 * The pictures of issue 19, each with a table of the same numbers beside it (what a screen reader
 * and a printout read): per office, this month's 時間外 per person against 45/80/100 h; per person,
 * 12 months with the highest 2–6-month average and the agreement year's total against 360/720 h.
 */
export function OvertimeCharts({ officeId }: { officeId: number | undefined }) {
  const { t } = useTranslation();
  const office = useQuery({
    queryKey: ['labor-alerts', 'office-overtime', officeId ?? null],
    queryFn: ({ signal }) =>
      call(routes.laborAlerts.officeOvertime, { query: officeId ? { officeId } : {} }, { signal }),
  });
  const [picked, setPicked] = useState<string | null>(null);
  const staffId = picked ? Number(picked) : office.data?.staff[0]?.staffId;
  const person = useQuery({
    queryKey: ['labor-alerts', 'staff-overtime', staffId ?? null],
    queryFn: ({ signal }) =>
      call(routes.laborAlerts.staffOvertime, { params: { id: staffId! }, query: {} }, { signal }),
    enabled: staffId !== undefined,
  });

  const officeData = (office.data?.staff ?? []).map((s) => ({
    name: s.name,
    overtime: hoursOf(s.overtimeMinutes),
  }));
  const personData = (person.data?.months ?? []).map((m) => ({
    month: m.month,
    overtime: hoursOf(m.overtimeMinutes),
    average: m.maxAverageMinutes === null ? null : hoursOf(m.maxAverageMinutes),
    cumulative: hoursOf(m.yearCumulativeMinutes),
  }));
  const yearLine = person.data?.specialClause ? 720 : 360;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('alerts.charts.title')}
      </Title>
      {office.error && <ErrorAlert error={office.error} />}
      {office.data && (
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            {t('alerts.charts.officeTitle', { month: office.data.month })}
          </Title>
          {officeData.length === 0 ? (
            <Text>{t('alerts.charts.empty')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <figure
                style={{ margin: 0 }}
                aria-label={t('alerts.charts.officeCaption', { month: office.data.month })}
              >
                <BarChart
                  h={280}
                  data={officeData}
                  dataKey="name"
                  unit="h"
                  textColor="gray.9"
                  series={[{ name: 'overtime', color: 'teal.9', label: t('alerts.charts.overtime') }]}
                  yAxisProps={{ domain: [0, (max: number) => Math.max(110, Math.ceil(max / 10) * 10)] }}
                  referenceLines={[
                    { y: 45, color: 'orange.9', label: t('alerts.charts.line45') },
                    { y: 80, color: 'red.9', label: t('alerts.charts.line80') },
                    { y: 100, color: 'red.9', label: t('alerts.charts.line100') },
                  ]}
                />
              </figure>
              <Table withTableBorder fz="sm" data-testid="office-overtime-table">
                <Table.Caption>
                  {t('alerts.charts.officeCaption', { month: office.data.month })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('alerts.charts.name')}</Table.Th>
                    <Table.Th>{t('alerts.charts.overtime')}</Table.Th>
                    <Table.Th>{t('alerts.charts.holiday')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {office.data.staff.map((s) => (
                    <Table.Tr key={s.staffId}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{hoursText(s.overtimeMinutes)}</Table.Td>
                      <Table.Td>{hoursText(s.legalHolidayMinutes)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SimpleGrid>
          )}
        </Paper>
      )}
      {office.data && office.data.staff.length > 0 && (
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            {t('alerts.charts.staffTitle')}
          </Title>
          <Select
            className="tc-no-print"
            maw={320}
            mb="sm"
            label={t('alerts.charts.staffPick')}
            value={staffId === undefined ? null : String(staffId)}
            onChange={setPicked}
            data={office.data.staff.map((s) => ({ value: String(s.staffId), label: s.name }))}
          />
          {person.error && <ErrorAlert error={person.error} />}
          {person.data && (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <figure
                style={{ margin: 0 }}
                aria-label={t('alerts.charts.staffCaption', { name: person.data.staff.name })}
              >
                <CompositeChart
                  h={300}
                  data={personData}
                  dataKey="month"
                  unit="h"
                  textColor="gray.9"
                  withLegend
                  withRightYAxis
                  yAxisProps={{ domain: [0, (max: number) => Math.max(110, Math.ceil(max / 10) * 10)] }}
                  rightYAxisProps={{ domain: [0, Math.max(yearLine + 40, 400)] }}
                  series={[
                    { name: 'overtime', type: 'bar', color: 'teal.9', label: t('alerts.charts.overtime') },
                    { name: 'average', type: 'line', color: 'orange.9', label: t('alerts.charts.average') },
                    {
                      name: 'cumulative',
                      type: 'line',
                      color: 'indigo.9',
                      label: t('alerts.charts.cumulative'),
                      yAxisId: 'right',
                    },
                  ]}
                  referenceLines={[
                    { y: 80, color: 'red.9', label: t('alerts.charts.line80') },
                    {
                      y: yearLine,
                      yAxisId: 'right',
                      color: 'red.9',
                      label: t(yearLine === 720 ? 'alerts.charts.line720' : 'alerts.charts.line360'),
                    },
                  ]}
                />
              </figure>
              <Table withTableBorder fz="sm" data-testid="staff-overtime-table">
                <Table.Caption>
                  {t('alerts.charts.staffCaption', { name: person.data.staff.name })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('alerts.charts.month')}</Table.Th>
                    <Table.Th>{t('alerts.charts.overtime')}</Table.Th>
                    <Table.Th>{t('alerts.charts.average')}</Table.Th>
                    <Table.Th>{t('alerts.charts.cumulative')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {person.data.months.map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Td>{m.month}</Table.Td>
                      <Table.Td>{hoursText(m.overtimeMinutes)}</Table.Td>
                      <Table.Td>
                        {m.maxAverageMinutes === null ? '—' : hoursText(m.maxAverageMinutes)}
                      </Table.Td>
                      <Table.Td>{hoursText(m.yearCumulativeMinutes)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SimpleGrid>
          )}
        </Paper>
      )}
    </Stack>
  );
}
