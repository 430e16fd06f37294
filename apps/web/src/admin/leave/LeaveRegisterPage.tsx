import { Button, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import '../timecards/timecard.css';
import './leave.css';

/**
 * 年次有給休暇管理簿 (労基則24条の7): per person, each grant's 基準日, 付与日数, 取得日 and 日数, 残日数.
 * Printed on A4, one person a page (leave.css).
 */
export function LeaveRegisterPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const staffId = params.get('staffId') ?? undefined;
  const register = useQuery({
    queryKey: ['leave-register', asOf, staffId],
    queryFn: ({ signal }) =>
      call(
        routes.leave.register,
        { query: { ...(asOf ? { asOf } : {}), ...(staffId ? { staffId: Number(staffId) } : {}) } },
        { signal },
      ),
  });
  const csv = new URLSearchParams({ ...(asOf ? { asOf } : {}), ...(staffId ? { staffId } : {}) });
  return (
    <AdminPage title={t('leave.register')}>
      <ErrorAlert error={register.error} />
      <Group className="tc-no-print">
        <Button onClick={() => window.print()}>{t('leave.print')}</Button>
        <Button component="a" href={`/api/v1/leave/register.csv?${csv}`} download variant="outline">
          {t('leave.registerCsv')}
        </Button>
      </Group>
      {register.isPending ? <Loading /> : null}
      {register.data?.people.map((person) => (
        <section key={person.staffId} className="leave-register-page" aria-label={person.name}>
          <Title order={2} size="h4">
            {t('leave.registerOf', { name: person.name })}
          </Title>
          <Text size="sm">
            {t('leave.registerHead', {
              code: person.code ?? '—',
              hiredOn: person.hiredOn ? formatDate(person.hiredOn) : '—',
              asOf: formatDate(register.data.asOf),
              days: person.validDays,
            })}
          </Text>
          {person.grants.length === 0 ? <Text>{t('leave.noGrants')}</Text> : null}
          {person.grants.map((grant) => (
            <Table key={grant.grantDate} fz="sm" withTableBorder mt="xs">
              <caption>
                {t('leave.grantCaption', {
                  date: formatDate(grant.grantDate),
                  days: grant.days,
                  expires: formatDate(grant.expiresOn),
                  used: grant.used,
                  remaining: grant.remaining,
                })}
                {grant.fiveDayObligation && grant.fiveDayDeadline
                  ? ` ${t('leave.fiveDayUntil', { deadline: formatDate(grant.fiveDayDeadline) })}`
                  : ''}
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('leave.takenOn')}</Table.Th>
                  <Table.Th scope="col">{t('leave.unit')}</Table.Th>
                  <Table.Th scope="col">{t('leave.takenDays')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grant.taken.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={3}>{t('leave.noneTaken')}</Table.Td>
                  </Table.Tr>
                ) : null}
                {grant.taken.map((taken) => (
                  <Table.Tr key={`${taken.date}-${taken.unit}-${taken.kind}-${taken.hours}-${taken.days}`}>
                    <Table.Td>{formatDate(taken.date)}</Table.Td>
                    <Table.Td>
                      {taken.kind === 'adjustment'
                        ? t('leave.adjustment')
                        : taken.unit === 'hours'
                          ? t('leave.hoursText', { hours: taken.hours })
                          : t(`leave.units.${taken.unit}`)}
                    </Table.Td>
                    <Table.Td>{taken.days}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </section>
      ))}
    </AdminPage>
  );
}
