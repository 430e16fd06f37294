import { Button, Card, Group, NativeSelect, NumberInput, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { permissionsOf } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { daysText } from './LeavePage.tsx';

type Unit = 'full' | 'am' | 'pm' | 'hours';

/**
 * One person's 休暇 (issue 17): grants with 付与日数, 失効日, 使用 and 残; the 基準日 skipped (出勤率
 * under 80 %) with the reason; the leave recorded. Administrators grant by hand, adjust the balance
 * and override a year's 出勤率, each with a reason.
 */
export function LeaveStaffPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const staffId = Number(id);
  const me = useAdminSession();
  const isAdmin = permissionsOf(me).isAdmin;
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['leave', 'staff', staffId],
    queryFn: ({ signal }) => call(routes.leave.staff, { params: { id: staffId }, query: {} }, { signal }),
  });
  const done = (message: string) => {
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: ['leave'] });
  };
  const data = detail.data;
  return (
    <AdminPage title={data ? t('leave.staffPage.title', { name: data.staff.name }) : t('leave.title')}>
      <ErrorAlert error={detail.error} />
      <Group>
        <Button component={Link} to="/admin/leave" variant="subtle">
          {t('leave.staffPage.back')}
        </Button>
        <Button
          component={Link}
          to={`/admin/leave/register?${new URLSearchParams({ staffId: String(staffId) })}`}
          variant="outline"
        >
          {t('leave.register')}
        </Button>
      </Group>
      {detail.isPending ? <Loading /> : null}
      {notice ? <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert> : null}
      {data ? (
        <>
          <Text>
            {t('leave.registerHead', {
              code: data.staff.code ?? '—',
              hiredOn: data.staff.hiredOn ? formatDate(data.staff.hiredOn) : '—',
              asOf: formatDate(data.asOf),
              days: data.validDays,
            })}
          </Text>
          <Text fw={700} data-testid="leave-balance">
            {t('leave.staffPage.balance', { date: formatDate(data.asOf), days: daysText(t, data.valid) })}
            {data.nextGrant
              ? ` ${t('leave.staffPage.nextGrant', { date: formatDate(data.nextGrant.date), days: data.nextGrant.days })}`
              : ''}
          </Text>
          <Section title={t('leave.staffPage.grants')}>
            {data.grants.length === 0 ? (
              <Text>{t('leave.noGrants')}</Text>
            ) : (
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('leave.staffPage.grantDate')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.grantDays')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.expiresOn')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.used')}</Table.Th>
                    <Table.Th scope="col">{t('leave.remaining')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.source')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.rate')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.grants.map((grant) => (
                    <Table.Tr key={`${grant.grantDate}-${grant.id ?? 'p'}`}>
                      <Table.Th scope="row">{formatDate(grant.grantDate)}</Table.Th>
                      <Table.Td>{t('leave.days', { days: grant.days })}</Table.Td>
                      <Table.Td
                        c={grant.expiringSoon ? 'red.9' : undefined}
                        fw={grant.expiringSoon ? 700 : undefined}
                      >
                        {formatDate(grant.expiresOn)}
                        {grant.valid ? '' : ` ${t('leave.staffPage.expired')}`}
                      </Table.Td>
                      <Table.Td>{t('leave.days', { days: grant.used })}</Table.Td>
                      <Table.Td>{daysText(t, grant.remainingSplit)}</Table.Td>
                      <Table.Td>
                        {t(`leave.staffPage.sources.${grant.source}`)}
                        {grant.projected ? ` ${t('leave.staffPage.projected')}` : ''}
                      </Table.Td>
                      <Table.Td>{rateText(grant.attendanceRate)}</Table.Td>
                      <Table.Td>{grant.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          <Section title={t('leave.staffPage.skipped')}>
            {data.skipped.length === 0 ? (
              <Text>{t('leave.staffPage.noSkipped')}</Text>
            ) : (
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('leave.staffPage.grantDate')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.rate')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.skipped.map((s) => (
                    <Table.Tr key={s.grantDate}>
                      <Table.Th scope="row">{formatDate(s.grantDate)}</Table.Th>
                      <Table.Td>{rateText(s.attendanceRate)}</Table.Td>
                      <Table.Td>{s.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          <Section title={t('leave.staffPage.records')}>
            {data.records.length === 0 ? (
              <Text>{t('leave.noneTaken')}</Text>
            ) : (
              <Table fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('leave.date')}</Table.Th>
                    <Table.Th scope="col">{t('leave.type')}</Table.Th>
                    <Table.Th scope="col">{t('leave.unit')}</Table.Th>
                    <Table.Th scope="col">{t('leave.staffPage.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.records.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Th scope="row">{formatDate(r.date)}</Table.Th>
                      <Table.Td>
                        {r.leaveTypeName}
                        {r.kind === 'adjustment' ? `（${t('leave.adjustment')}）` : ''}
                      </Table.Td>
                      <Table.Td>
                        {r.unit === 'hours'
                          ? t('leave.hoursText', { hours: r.hours })
                          : t(`leave.units.${r.unit}`)}
                      </Table.Td>
                      <Table.Td>{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          {isAdmin ? (
            <>
              <GrantForm staffId={staffId} onDone={done} />
              <AdjustForm staffId={staffId} onDone={done} />
              <RateForm staffId={staffId} onDone={done} />
            </>
          ) : null}
        </>
      ) : null}
    </AdminPage>
  );
}

function rateText(rate: number | null) {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function ReasonInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('leave.staffPage.reason')}
      value={value}
      maxLength={200}
      miw={280}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** 手動付与: a balance carried in, with its reason (失効 by default 2 years after the 基準日). */
function GrantForm({ staffId, onDone }: { staffId: number; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [grantDate, setGrantDate] = useState('');
  const [days, setDays] = useState<number | string>(1);
  const [reason, setReason] = useState('');
  const grant = useMutation({
    mutationFn: () =>
      call(routes.leave.grant, { params: { id: staffId }, body: { grantDate, days: Number(days), reason } }),
    onSuccess: () => {
      onDone(t('leave.staffPage.granted', { days: Number(days) }));
      setReason('');
    },
  });
  return (
    <Section title={t('leave.staffPage.grantTitle')}>
      <ErrorAlert error={grant.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          grant.mutate();
        }}
      >
        <Group align="end">
          <TextInput
            type="date"
            label={t('leave.staffPage.grantDate')}
            value={grantDate}
            onChange={(e) => setGrantDate(e.currentTarget.value)}
          />
          <NumberInput
            label={t('leave.staffPage.daysField')}
            min={0.5}
            max={40}
            step={0.5}
            decimalScale={1}
            value={days}
            onChange={setDays}
          />
          <ReasonInput value={reason} onChange={setReason} />
          <Button type="submit" loading={grant.isPending} disabled={!grantDate}>
            {t('leave.staffPage.grantSubmit')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}

/** 調整: days (or hours) of 有給 used before, on a date, with a reason; it lowers the balance. */
function AdjustForm({ staffId, onDone }: { staffId: number; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [unit, setUnit] = useState<Unit>('full');
  const [hours, setHours] = useState<number | string>(1);
  const [reason, setReason] = useState('');
  const adjust = useMutation({
    mutationFn: () =>
      call(routes.leave.adjust, {
        params: { id: staffId },
        body: { date, unit, ...(unit === 'hours' ? { hours: Number(hours) } : {}), reason },
      }),
    onSuccess: () => {
      onDone(t('leave.staffPage.adjusted'));
      setReason('');
    },
  });
  return (
    <Section title={t('leave.staffPage.adjustTitle')}>
      <Text size="sm" mb="xs">
        {t('leave.staffPage.adjustHint')}
      </Text>
      <ErrorAlert error={adjust.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          adjust.mutate();
        }}
      >
        <Group align="end">
          <TextInput
            type="date"
            label={t('leave.staffPage.adjustDate')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('leave.unit')}
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value as Unit)}
            data={(['full', 'am', 'pm', 'hours'] as const).map((u) => ({
              value: u,
              label: t(`leave.units.${u}`),
            }))}
          />
          {unit === 'hours' ? (
            <NumberInput label={t('leave.hours')} min={1} max={23} value={hours} onChange={setHours} />
          ) : null}
          <ReasonInput value={reason} onChange={setReason} />
          <Button type="submit" loading={adjust.isPending} disabled={!date}>
            {t('leave.staffPage.adjustSubmit')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}

/** 出勤率の上書き: the 出勤率 of the year before a 基準日, set by an administrator with a reason. */
function RateForm({ staffId, onDone }: { staffId: number; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [grantDate, setGrantDate] = useState('');
  const [percent, setPercent] = useState<number | string>(80);
  const [reason, setReason] = useState('');
  const override = useMutation({
    mutationFn: () =>
      call(routes.leave.overrideRate, {
        params: { id: staffId },
        body: { grantDate, ratePercent: Number(percent), reason },
      }),
    onSuccess: () => {
      onDone(t('leave.staffPage.overridden', { date: formatDate(grantDate) }));
      setReason('');
    },
  });
  return (
    <Section title={t('leave.staffPage.rateTitle')}>
      <ErrorAlert error={override.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          override.mutate();
        }}
      >
        <Group align="end">
          <TextInput
            type="date"
            label={t('leave.staffPage.rateGrantDate')}
            value={grantDate}
            onChange={(e) => setGrantDate(e.currentTarget.value)}
          />
          <NumberInput
            label={t('leave.staffPage.ratePercent')}
            min={0}
            max={100}
            decimalScale={1}
            value={percent}
            onChange={setPercent}
          />
          <ReasonInput value={reason} onChange={setReason} />
          <Button type="submit" loading={override.isPending} disabled={!grantDate}>
            {t('leave.staffPage.rateSubmit')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}
