import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Me } from '../../shared/api.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate, todayIso } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { hasFeature } from '../plans/planAccess.ts';
import { RequestFormModal } from '../requests/RequestFormModal.tsx';
import { CorrectionModal } from './CorrectionModal.tsx';
import { PeriodLockControl } from './PeriodLockControl.tsx';
import { Agreement36Gauge, DailyHoursChart, TimecardTotals, VariablePeriodCard } from './TimecardSummary.tsx';
import { TimecardTable, useWarningText } from './TimecardTable.tsx';
import { type StaffChoice, type TimecardDay, useStaffChoices, useTimecard } from './timecardApi.ts';
import { addMonths, MONTH_PATTERN, payMonthOf } from './timecardFormat.ts';
import './timecard.css';

/** `/admin/timecards`: straight to the signed-in person's own timecard, keeping the month. */
export function TimecardIndexPage() {
  const me = useAdminSession();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  if (!me.staff) {
    return (
      <AdminPage title={t('timecard.title')}>
        <Alert color="gray">{t('timecard.noStaff')}</Alert>
      </AdminPage>
    );
  }
  const search = params.toString();
  return <Navigate to={`/admin/timecards/${me.staff.id}${search ? `?${search}` : ''}`} replace />;
}

/** Whether the signed-in member may correct this person's punches (the server checks again). */
function canCorrect(me: Me, staff: StaffChoice | undefined): boolean {
  if (me.staff?.isAdmin) return true;
  const editable = (me.staff?.offices ?? []).filter((o) => o.attendance === 'edit').map((o) => o.officeId);
  if (!staff || editable.length === 0) return false;
  // Without the person's offices (a 実績 viewer cannot list staff), offer it and let the server decide.
  return staff.offices.length === 0 || staff.offices.some((id) => editable.includes(id));
}

/**
 * タイムカード (勤怠 > 実績): one person's pay period. The person and the month live in the URL
 * (`/admin/timecards/:staffId?month=YYYY-MM`), so switching either keeps the other, and a reload or
 * a shared link lands on the same place.
 */
export function TimecardPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const navigate = useNavigate();
  const { staffId: staffParam } = useParams();
  const [params, setParams] = useSearchParams();
  const staffId = Number(staffParam);
  const monthParam = params.get('month');
  const month = monthParam && MONTH_PATTERN.test(monthParam) ? monthParam : todayIso().slice(0, 7);
  const timecard = useTimecard(Number.isInteger(staffId) && staffId > 0 ? staffId : null, month);
  const choices = useStaffChoices(me, timecard.data?.period ?? null);
  const [correcting, setCorrecting] = useState<TimecardDay | null>(null);
  const [requesting, setRequesting] = useState<TimecardDay | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [monthInput, setMonthInput] = useState(month);
  const warningText = useWarningText();

  useEffect(() => setMonthInput(month), [month]);

  // Without ?month= the page opens on the pay period containing today: with a 締め日 of 21, on
  // 10 November that is the period named October (21 Oct – 20 Nov).
  const data = timecard.data;
  useEffect(() => {
    if (monthParam || !data) return;
    const current = payMonthOf(todayIso(), data.settings.monthStartDay);
    if (current !== month) setParams({ month: current }, { replace: true });
  }, [monthParam, data, month, setParams]);

  const goMonth = (next: string) => {
    if (!MONTH_PATTERN.test(next)) return;
    setNotice(null);
    setParams({ month: next });
  };
  const goStaff = (id: string) => {
    setNotice(null);
    navigate(`/admin/timecards/${id}?month=${month}`);
  };

  const list = choices.data ?? [];
  const current = list.find((s) => s.id === staffId);
  const showPicker = list.length > 1 || (list.length === 1 && list[0]?.id !== staffId);
  const mayCorrect = canCorrect(me, current);
  const isAdmin = me.staff?.isAdmin === true;
  const name = data?.staff.name ?? current?.name ?? '';

  return (
    <AdminPage
      title={t('timecard.title')}
      actions={
        <Button variant="default" className="tc-no-print" onClick={() => window.print()}>
          {t('timecard.print')}
        </Button>
      }
    >
      <Group align="flex-end" gap="md" className="tc-no-print">
        {showPicker ? (
          <NativeSelect
            label={t('timecard.staff')}
            value={String(staffId)}
            onChange={(event) => goStaff(event.currentTarget.value)}
            data={[
              ...(current ? [] : [{ value: String(staffId), label: name || `#${staffId}` }]),
              ...list.map((s) => ({
                value: String(s.id),
                label: s.code ? `${s.code} ${s.name}` : s.name,
              })),
            ]}
            miw={240}
          />
        ) : null}
        <Group gap={4} align="flex-end">
          <Button variant="default" onClick={() => goMonth(addMonths(month, -1))}>
            {t('timecard.previousMonth')}
          </Button>
          <TextInput
            label={t('timecard.month')}
            type="month"
            value={monthInput}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setMonthInput(value);
              if (MONTH_PATTERN.test(value)) goMonth(value);
            }}
            w={170}
          />
          <Button variant="default" onClick={() => goMonth(addMonths(month, 1))}>
            {t('timecard.nextMonth')}
          </Button>
        </Group>
      </Group>

      {data ? (
        <Stack gap={4}>
          <Text fw={700} fz="lg">
            {data.staff.code ? `${data.staff.code} ` : ''}
            {data.staff.name}
          </Text>
          <Group gap="lg">
            <Text>
              {t('timecard.periodLabel', {
                month: t('timecard.monthName', { year: month.slice(0, 4), month: Number(month.slice(5)) }),
                from: formatDate(data.period.from),
                to: formatDate(data.period.to),
              })}
            </Text>
            <PeriodLockControl
              period={data.period}
              locked={data.locked}
              canManage={isAdmin}
              onChanged={setNotice}
            />
          </Group>
        </Stack>
      ) : null}

      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={timecard.error ?? choices.error} />
      {timecard.isPending && !timecard.isError ? <Loading /> : null}

      {data ? (
        <>
          {data.totals.incompleteDays > 0 || data.warnings.length > 0 ? (
            <Alert
              color="orange"
              variant="light"
              title={t('timecard.attention')}
              className="tc-attention"
              // Even orange.9 is below AA contrast on the light orange background; this brown is 5.7:1.
              style={{ '--alert-color': '#9c3d00' } as CSSProperties}
            >
              <Stack gap={2}>
                {data.totals.incompleteDays > 0 ? (
                  <Text fz="sm">{t('timecard.incompleteNotice', { count: data.totals.incompleteDays })}</Text>
                ) : null}
                {[...new Set(data.warnings.map((w) => w.split('@')[0]))].map((code) => (
                  <Text fz="sm" key={code}>
                    {warningText(code ?? '')}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : null}
          {data.locked && mayCorrect ? (
            <Text fz="sm" c="dimmed" className="tc-no-print">
              {t('timecard.lockedHint')}
            </Text>
          ) : null}
          {/* A closed period is read-only: no 修正 that could only fail on save. */}
          <TimecardTable
            timecard={data}
            hours="hmm"
            onCorrect={mayCorrect && !data.locked ? setCorrecting : null}
            // 【修正申請】: one's own days, while the period is open (ワークフロー, issue 18).
            onRequest={
              me.staff?.id === data.staff.id && hasFeature(me, 'requests') && !data.locked
                ? setRequesting
                : null
            }
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" className="tc-summary">
            <TimecardTotals timecard={data} hours="hmm" />
            <Stack gap="md">
              <DailyHoursChart timecard={data} />
              <Agreement36Gauge timecard={data} />
              <VariablePeriodCard timecard={data} />
            </Stack>
          </SimpleGrid>
        </>
      ) : null}

      {correcting && data ? (
        <CorrectionModal
          key={correcting.date}
          staffId={data.staff.id}
          day={data.days.find((d) => d.date === correcting.date) ?? correcting}
          onClose={() => setCorrecting(null)}
          onSaved={(message) => {
            setCorrecting(null);
            setNotice(message);
          }}
        />
      ) : null}
      {requesting ? (
        <RequestFormModal
          key={requesting.date}
          kind="punch_correction"
          date={requesting.date}
          onClose={() => setRequesting(null)}
          onSent={(message) => {
            setRequesting(null);
            setNotice(message);
          }}
        />
      ) : null}
    </AdminPage>
  );
}
