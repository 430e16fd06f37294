import { Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ATTENDANCE_STATES,
  type AttendanceState,
  STATE_COLORS,
  wallTimeOf,
} from '../../punching/punch-model.ts';
import { StateBadge } from '../../punching/StateBadge.tsx';
import { api } from '../../shared/api.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { PunchPhotoThumb } from '../PunchEvidenceMarks.tsx';

interface TodayOffice {
  id: number;
  name: string;
  counts: Record<AttendanceState, number>;
  staff: {
    id: number;
    name: string;
    state: AttendanceState;
    missingClockOut: boolean;
    lastPunchAt: string | null;
    /** The last punch's photo (issue 20), for those with 実績 閲覧. */
    photoPunchId?: number;
  }[];
}

interface TodayStatus {
  serverTime: string;
  workDate: string;
  offices: TodayOffice[];
}

/**
 * 勤怠 > 今日の出勤状況 (product.md §7: people would rather look than read): per office the number
 * of people 未出勤 / 勤務中 / 休憩中 / 退勤済 as large figures, then who is where. It refreshes
 * itself every 15 seconds.
 */
export function TodayAttendancePage() {
  const { t } = useTranslation();
  const today = useQuery({
    queryKey: ['attendance', 'today'],
    queryFn: ({ signal }) => api<TodayStatus>('/attendance/today', { signal }),
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
  return (
    <AdminPage title={t('punch.today.title')}>
      <ErrorAlert error={today.error} />
      {today.isPending ? (
        <Loading />
      ) : today.data ? (
        <>
          <Group gap="lg">
            <Text fw={700}>{t('punch.today.workDate', { date: formatDate(today.data.workDate) })}</Text>
            <Text size="sm">{t('punch.today.updatedAt', { time: wallTimeOf(today.data.serverTime) })}</Text>
          </Group>
          {today.data.offices.length === 0 ? (
            <Text>{t('punch.today.noOffices')}</Text>
          ) : (
            today.data.offices.map((office) => <OfficeToday key={office.id} office={office} />)
          )}
        </>
      ) : null}
    </AdminPage>
  );
}

function OfficeToday({ office }: { office: TodayOffice }) {
  const { t } = useTranslation();
  const headingId = `today-office-${office.id}`;
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {office.name}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {ATTENDANCE_STATES.map((state) => (
            <Card
              key={state}
              withBorder
              padding="sm"
              style={{ borderTop: `6px solid ${STATE_COLORS[state]}` }}
              data-state={state}
            >
              <Text fw={700} size="lg">
                {t(`punch.states.${state}`)}
              </Text>
              <Text fz={40} fw={700} lh={1.1} c={STATE_COLORS[state]}>
                {office.counts[state]}
                <Text span size="md" c="dark.7" fw={400} ml={4}>
                  {t('punch.today.peopleUnit')}
                </Text>
              </Text>
            </Card>
          ))}
        </SimpleGrid>
        {office.staff.length === 0 ? (
          <Text>{t('punch.today.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('punch.today.name')}</Table.Th>
                  <Table.Th scope="col">{t('punch.today.state')}</Table.Th>
                  <Table.Th scope="col">{t('punch.today.lastPunch')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {office.staff.map((person) => (
                  <Table.Tr key={person.id}>
                    <Table.Td>{person.name}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <StateBadge state={person.state} size="lg" />
                        {person.missingClockOut ? (
                          <Text size="sm" c="red.9" fw={700}>
                            {t('punch.missingClockOut')}
                          </Text>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <span>
                          {person.lastPunchAt
                            ? `${formatDate(person.lastPunchAt.slice(0, 10))} ${wallTimeOf(person.lastPunchAt)}`
                            : '—'}
                        </span>
                        {person.photoPunchId !== undefined && person.lastPunchAt ? (
                          <PunchPhotoThumb
                            punchId={person.photoPunchId}
                            label={`${person.name} ${wallTimeOf(person.lastPunchAt)}`}
                          />
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
