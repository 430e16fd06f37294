import {
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { LeaveTypesCard } from './LeaveTypesCard.tsx';

type Unit = 'full' | 'am' | 'pm' | 'hours';

/** 「8日5時間」 / "8 d 5 h". */
export function daysText(
  t: (key: string, options?: Record<string, unknown>) => string,
  split: { days: number; hours: number },
) {
  return split.hours
    ? t('leave.daysHours', { days: split.days, hours: split.hours })
    : t('leave.days', { days: split.days });
}

/**
 * 休暇 (issue 17): everyone's 有給 balance on a date, 失効予定 highlighted, 年5日取得義務 at risk, and
 * the form to record leave for a person (実績 編集). The 管理簿 prints one person a page.
 */
export function LeavePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isAdmin = permissionsOf(useAdminSession()).isAdmin;
  const [asOf, setAsOf] = useState('');
  const overview = useQuery({
    queryKey: ['leave', asOf],
    queryFn: ({ signal }) => call(routes.leave.overview, { query: asOf ? { asOf } : {} }, { signal }),
  });
  const [staffId, setStaffId] = useState('');
  const [date, setDate] = useState('');
  const [typeId, setTypeId] = useState('');
  const [unit, setUnit] = useState<Unit>('full');
  const [hours, setHours] = useState<number | string>(1);
  const [notice, setNotice] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () =>
      call(routes.leave.record, {
        body: {
          staffId: Number(staffId),
          date,
          leaveTypeId: Number(typeId || overview.data?.types[0]?.id),
          unit,
          ...(unit === 'hours' ? { hours: Number(hours) } : {}),
        },
      }),
    onSuccess: (answer) => {
      setNotice(t('leave.recorded', { name: answer.leaveTypeName, date: formatDate(answer.date) }));
      void queryClient.invalidateQueries({ queryKey: ['leave'] });
    },
  });
  const data = overview.data;
  const types = (data?.types ?? []).filter((type) => !type.archived);
  const type = types.find((x) => String(x.id) === typeId) ?? types[0];
  const units: Unit[] = type
    ? [
        ...(type.allowFull ? (['full'] as const) : []),
        ...(type.allowHalf ? (['am', 'pm'] as const) : []),
        ...(type.allowHours ? (['hours'] as const) : []),
      ]
    : ['full'];
  const registerQuery = new URLSearchParams(asOf ? { asOf } : {});
  return (
    <AdminPage title={t('leave.title')}>
      <ErrorAlert error={overview.error} />
      <Group align="end">
        <TextInput
          type="date"
          label={t('leave.asOf')}
          value={asOf}
          onChange={(e) => setAsOf(e.currentTarget.value)}
        />
        <Button component={Link} to={`/admin/leave/register?${registerQuery}`} variant="outline">
          {t('leave.register')}
        </Button>
        <Button component="a" href={`/api/v1/leave/register.csv?${registerQuery}`} download variant="outline">
          {t('leave.registerCsv')}
        </Button>
      </Group>
      {overview.isPending ? <Loading /> : null}
      {data ? (
        <>
          <Card withBorder padding="sm">
            <Title order={2} size="h4" mb="xs">
              {t('leave.fiveDayTitle')}
            </Title>
            {data.atRisk.length === 0 ? (
              <Text>{t('leave.fiveDayNone')}</Text>
            ) : (
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('leave.name')}</Table.Th>
                    <Table.Th scope="col">{t('leave.grantDate')}</Table.Th>
                    <Table.Th scope="col">{t('leave.deadline')}</Table.Th>
                    <Table.Th scope="col">{t('leave.taken')}</Table.Th>
                    <Table.Th scope="col">{t('leave.short')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.atRisk.map((row) => (
                    <Table.Tr key={row.staffId}>
                      <Table.Th scope="row">{row.name}</Table.Th>
                      <Table.Td>{formatDate(row.grantDate)}</Table.Td>
                      <Table.Td>{formatDate(row.deadline)}</Table.Td>
                      <Table.Td>{t('leave.days', { days: row.taken })}</Table.Td>
                      <Table.Td c="red.9">{t('leave.days', { days: row.short })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card withBorder padding="sm">
            <Title order={2} size="h4" mb="xs">
              {t('leave.balances', { date: formatDate(data.asOf) })}
            </Title>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('leave.code')}</Table.Th>
                  <Table.Th scope="col">{t('leave.name')}</Table.Th>
                  <Table.Th scope="col">{t('leave.hiredOn')}</Table.Th>
                  <Table.Th scope="col">{t('leave.remaining')}</Table.Th>
                  <Table.Th scope="col">{t('leave.expiringSoon')}</Table.Th>
                  <Table.Th scope="col">{t('leave.nextGrant')}</Table.Th>
                  <Table.Th scope="col">{t('leave.fiveDay')}</Table.Th>
                  <Table.Th scope="col">{t('leave.registerShort')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((row) => (
                  <Table.Tr key={row.staffId}>
                    <Table.Td>{row.code ?? ''}</Table.Td>
                    <Table.Th scope="row">
                      <Link to={`/admin/leave/staff/${row.staffId}`}>{row.name}</Link>
                    </Table.Th>
                    <Table.Td>{row.hiredOn ? formatDate(row.hiredOn) : t('leave.noHireDate')}</Table.Td>
                    <Table.Td>{daysText(t, row.valid)}</Table.Td>
                    <Table.Td
                      c={row.expiringSoonDays > 0 ? 'red.9' : undefined}
                      fw={row.expiringSoonDays > 0 ? 700 : undefined}
                    >
                      {row.expiringSoonDays > 0 ? t('leave.days', { days: row.expiringSoonDays }) : '—'}
                    </Table.Td>
                    <Table.Td>
                      {row.nextGrant
                        ? t('leave.next', { date: formatDate(row.nextGrant.date), days: row.nextGrant.days })
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      {row.fiveDay
                        ? t('leave.fiveDayStatus', {
                            taken: row.fiveDay.taken,
                            deadline: formatDate(row.fiveDay.deadline),
                          })
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Link
                        to={`/admin/leave/register?${new URLSearchParams({ ...(asOf ? { asOf } : {}), staffId: String(row.staffId) })}`}
                        aria-label={t('leave.registerOfLink', { name: row.name })}
                      >
                        {t('leave.registerShort')}
                      </Link>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder padding="sm">
            <Title order={2} size="h4" mb="xs">
              {t('leave.recordTitle')}
            </Title>
            {notice ? <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert> : null}
            <ErrorAlert error={record.error} />
            <form
              onSubmit={(event) => {
                event.preventDefault();
                setNotice(null);
                record.mutate();
              }}
            >
              <Stack gap="xs">
                <Group align="end">
                  <NativeSelect
                    label={t('leave.staff')}
                    value={staffId}
                    onChange={(e) => setStaffId(e.currentTarget.value)}
                    data={[
                      { value: '', label: t('leave.choose') },
                      ...data.rows.map((r) => ({ value: String(r.staffId), label: r.name })),
                    ]}
                  />
                  <TextInput
                    type="date"
                    label={t('leave.date')}
                    value={date}
                    onChange={(e) => setDate(e.currentTarget.value)}
                  />
                  <NativeSelect
                    label={t('leave.type')}
                    value={typeId || String(type?.id ?? '')}
                    onChange={(e) => setTypeId(e.currentTarget.value)}
                    data={types.map((x) => ({ value: String(x.id), label: x.name }))}
                  />
                  <NativeSelect
                    label={t('leave.unit')}
                    value={units.includes(unit) ? unit : units[0]}
                    onChange={(e) => setUnit(e.currentTarget.value as Unit)}
                    data={units.map((u) => ({ value: u, label: t(`leave.units.${u}`) }))}
                  />
                  {unit === 'hours' ? (
                    <NumberInput
                      label={t('leave.hours')}
                      min={1}
                      max={23}
                      value={hours}
                      onChange={setHours}
                    />
                  ) : null}
                  <Button type="submit" loading={record.isPending} disabled={!staffId || !date}>
                    {t('leave.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Card>
          <LeaveTypesCard types={data.types} canEdit={isAdmin} />
        </>
      ) : null}
    </AdminPage>
  );
}
