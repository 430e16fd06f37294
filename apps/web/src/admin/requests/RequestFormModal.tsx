import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate, todayIso } from '../../shared/format.ts';
import { PUNCH_TYPES, type PunchType } from '../timecards/timecardApi.ts';
import { addDays } from '../timecards/timecardFormat.ts';
import { punchTimeText, REQUEST_KIND_OPTIONS, type RequestItem, type RequestKind } from './requestModel.ts';

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const LEAVE_UNITS = ['full', 'am', 'pm', 'hours'] as const;

interface Row {
  key: string;
  type: PunchType;
  time: string;
  nextDay: boolean;
}

type Body = Parameters<typeof call<typeof routes.requests.create>>[1]['body'];

function rowsOf(date: string, punches: { type: string; at: string }[]): Row[] {
  return punches.map((p, i) => ({
    key: `r${i}`,
    type: p.type as PunchType,
    time: p.at.slice(11, 16),
    nextDay: p.at.slice(0, 10) > date,
  }));
}

function nextType(rows: Row[]): PunchType {
  const last = rows.at(-1)?.type;
  if (!last || last === 'clock_out') return 'clock_in';
  if (last === 'break_start') return 'break_end';
  return 'clock_out';
}

/**
 * 新規申請 (or 再申請 of a 差戻し): 打刻修正申請 shows the day as it is and as it would be; 休暇申請
 * takes 区分, dates and 全日 / 半休 / 時間; 残業申請 a date and the planned end; 勤怠確定 a month.
 */
export function RequestFormModal({
  kind: fixedKind,
  date: fixedDate,
  resend,
  onClose,
  onSent,
}: {
  kind?: RequestKind;
  date?: string;
  resend?: RequestItem;
  onClose: () => void;
  onSent: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const given = resend?.body as Record<string, unknown> | undefined;
  const [kind, setKind] = useState<RequestKind>(resend?.kind ?? fixedKind ?? 'punch_correction');
  const [date, setDate] = useState<string>(
    (given?.date as string | undefined) ?? fixedDate ?? addDays(todayIso(), -1),
  );
  const [rows, setRows] = useState<Row[] | null>(
    resend?.kind === 'punch_correction'
      ? rowsOf(String(given?.date), (given?.punches as { type: string; at: string }[]) ?? [])
      : null,
  );
  const [counter, setCounter] = useState(0);
  const [reason, setReason] = useState<string>((given?.reason as string | undefined) ?? '');
  const [leaveTypeId, setLeaveTypeId] = useState<string>(
    given?.leaveTypeId !== undefined ? String(given.leaveTypeId) : '',
  );
  const [from, setFrom] = useState<string>((given?.from as string | undefined) ?? todayIso());
  const [to, setTo] = useState<string>((given?.to as string | undefined) ?? todayIso());
  const [unit, setUnit] = useState<(typeof LEAVE_UNITS)[number]>(
    (given?.unit as (typeof LEAVE_UNITS)[number] | undefined) ?? 'full',
  );
  const [hours, setHours] = useState<number | string>((given?.hours as number | undefined) ?? 1);
  const [plannedEnd, setPlannedEnd] = useState<string>((given?.plannedEnd as string | undefined) ?? '20:00');
  const [nextDay, setNextDay] = useState<boolean>((given?.nextDay as boolean | undefined) ?? false);
  const [month, setMonth] = useState<string>((given?.month as string | undefined) ?? todayIso().slice(0, 7));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const day = useQuery({
    queryKey: ['requests', 'day', date],
    queryFn: ({ signal }) => call(routes.requests.day, { query: { date } }, { signal }),
    enabled: kind === 'punch_correction' && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const leaveDays = unit === 'full' ? { from, to } : { from, to: from };
  const leave = useQuery({
    queryKey: ['requests', 'leave', leaveTypeId, leaveDays.from, leaveDays.to, unit, hours],
    queryFn: ({ signal }) =>
      call(
        routes.requests.leave,
        {
          query: {
            ...(leaveTypeId ? { leaveTypeId } : {}),
            from: leaveDays.from,
            to: leaveDays.to,
            unit,
            ...(unit === 'hours' ? { hours: Number(hours) } : {}),
          },
        },
        { signal },
      ),
    enabled: kind === 'leave' && /^\d{4}-\d{2}-\d{2}$/.test(from) && leaveDays.to >= leaveDays.from,
  });
  // The first 休暇区分 (有給休暇) until one is chosen.
  useEffect(() => {
    const first = leave.data?.types[0];
    if (first && !leaveTypeId) setLeaveTypeId(String(first.id));
  }, [leave.data, leaveTypeId]);

  // The day as it is fills the rows, until the person edits them (a 再申請 keeps what was sent).
  useEffect(() => {
    if (day.data && rows === null) setRows(rowsOf(day.data.date, day.data.punches));
  }, [day.data, rows]);

  const atOf = (row: Row) => `${row.nextDay ? addDays(date, 1) : date}T${row.time}`;
  const update = (key: string, patch: Partial<Row>) =>
    setRows((current) => (current ?? []).map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const wanted = (rows ?? []).filter((row) => TIME_PATTERN.test(row.time));

  function bodyOf(): Body | null {
    const errors: Record<string, string> = {};
    const trimmed = reason.trim();
    if (kind !== 'attendance_confirmation' && kind !== 'leave' && !trimmed) {
      errors.reason = t('requests.reasonRequired');
    }
    if (kind === 'punch_correction') {
      (rows ?? []).forEach((row, i) => {
        if (!TIME_PATTERN.test(row.time)) errors[`punches.${i}.at`] = t('requests.timeInvalid');
      });
      const before = (day.data?.punches ?? []).map((p) => `${p.type}@${p.at}`).join(',');
      const after = (rows ?? []).map((row) => `${row.type}@${atOf(row)}`).join(',');
      if (!resend && before === after) errors._ = t('requests.unchanged');
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return null;
    switch (kind) {
      case 'punch_correction':
        return {
          kind,
          date,
          punches: (rows ?? []).map((row) => ({ type: row.type, at: atOf(row) })),
          reason: trimmed,
        };
      case 'leave':
        return {
          kind,
          leaveTypeId: Number(leaveTypeId),
          from,
          to: unit === 'full' ? to : from,
          unit,
          ...(unit === 'hours' ? { hours: Number(hours) } : {}),
          reason: trimmed,
        };
      case 'overtime':
        return { kind, date, plannedEnd, nextDay, reason: trimmed };
      case 'attendance_confirmation':
        return { kind, month, reason: trimmed };
    }
  }

  async function send() {
    setError(null);
    const body = bodyOf();
    if (!body) return;
    setSaving(true);
    try {
      const made = resend
        ? await call(routes.requests.resend, { params: { id: resend.id }, body })
        : await call(routes.requests.create, { body });
      await queryClient.invalidateQueries({ queryKey: ['requests'] });
      onSent(t(resend ? 'requests.resent' : 'requests.sent', { id: made.id }));
    } catch (caught) {
      setSaving(false);
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) {
        setFieldErrors(Object.fromEntries(Object.entries(caught.fields).map(([k, v]) => [k, v.message])));
      }
      setError(caught);
    }
  }

  const title = resend
    ? t('requests.resendTitle', { id: resend.id })
    : fixedKind === 'punch_correction' && fixedDate
      ? t('requests.correctionTitle', { date: formatDate(fixedDate) })
      : t('requests.newTitle');

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        {!fixedKind && !resend ? (
          <NativeSelect
            label={t('requests.fields.kind')}
            value={kind}
            onChange={(event) => {
              setKind(event.currentTarget.value as RequestKind);
              setFieldErrors({});
            }}
            data={REQUEST_KIND_OPTIONS.map((k) => ({ value: k, label: t(`requests.kinds.${k}`) }))}
          />
        ) : null}

        {kind === 'punch_correction' || kind === 'overtime' ? (
          <TextInput
            label={t('requests.fields.date')}
            type="date"
            value={date}
            disabled={Boolean(fixedDate) || Boolean(resend)}
            onChange={(event) => {
              setDate(event.currentTarget.value);
              if (kind === 'punch_correction') setRows(null);
            }}
            error={fieldErrors.date}
            w={200}
          />
        ) : null}

        {kind === 'punch_correction' ? (
          <>
            {day.data?.refusal ? (
              <Alert color="red" variant="light" role="alert" title={t('requests.refused')}>
                {t(
                  day.data.refusal.code === 'request_period_confirmed'
                    ? 'requests.refusalConfirmed'
                    : 'requests.refusalLocked',
                  { from: formatDate(day.data.refusal.from), to: formatDate(day.data.refusal.to) },
                )}
              </Alert>
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Stack gap={4}>
                <Title order={3} size="h5">
                  {t('requests.before')}
                </Title>
                {(day.data?.punches ?? []).length === 0 ? (
                  <Text fz="sm">{t('requests.noPunches')}</Text>
                ) : (
                  <List size="sm" aria-label={t('requests.before')}>
                    {day.data!.punches.map((p) => (
                      <List.Item key={`${p.type}${p.at}`}>
                        {t(`timecard.punchTypes.${p.type}`)}{' '}
                        {punchTimeText(p.at, date, t('shifts.nextDayShort'))}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
              <Stack gap={4}>
                <Title order={3} size="h5">
                  {t('requests.after')}
                </Title>
                {wanted.length === 0 ? (
                  <Text fz="sm">{t('requests.noPunches')}</Text>
                ) : (
                  <List size="sm" aria-label={t('requests.after')}>
                    {[...wanted]
                      .sort((a, b) => atOf(a).localeCompare(atOf(b)))
                      .map((row) => (
                        <List.Item key={row.key}>
                          {t(`timecard.punchTypes.${row.type}`)}{' '}
                          {punchTimeText(atOf(row), date, t('shifts.nextDayShort'))}
                        </List.Item>
                      ))}
                  </List>
                )}
              </Stack>
            </SimpleGrid>
            {(rows ?? []).map((row, index) => (
              <Group key={row.key} align="flex-end" gap="xs" wrap="nowrap">
                <NativeSelect
                  label={`${t('requests.punchRow', { index: index + 1 })} ${t('timecard.correct.type')}`}
                  value={row.type}
                  onChange={(event) => update(row.key, { type: event.currentTarget.value as PunchType })}
                  data={PUNCH_TYPES.map((type) => ({ value: type, label: t(`timecard.punchTypes.${type}`) }))}
                  w={170}
                />
                <TextInput
                  label={`${t('requests.punchRow', { index: index + 1 })} ${t('timecard.correct.time')}`}
                  type="time"
                  value={row.time}
                  onChange={(event) => update(row.key, { time: event.currentTarget.value })}
                  error={fieldErrors[`punches.${index}.at`]}
                  w={170}
                />
                <Checkbox
                  label={t('requests.fields.nextDay')}
                  checked={row.nextDay}
                  onChange={(event) => update(row.key, { nextDay: event.currentTarget.checked })}
                  mb={8}
                />
                <Button
                  variant="outline"
                  color="red.9"
                  size="xs"
                  mb={4}
                  aria-label={t('requests.removePunch', { index: index + 1 })}
                  onClick={() => setRows((current) => (current ?? []).filter((r) => r.key !== row.key))}
                >
                  {t('timecard.correct.delete')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() => {
                  setRows((current) => [
                    ...(current ?? []),
                    { key: `n${counter}`, type: nextType(current ?? []), time: '', nextDay: false },
                  ]);
                  setCounter((n) => n + 1);
                }}
              >
                {t('requests.addPunch')}
              </Button>
            </Group>
          </>
        ) : null}

        {kind === 'leave' ? (
          <>
            <NativeSelect
              label={t('requests.fields.leaveType')}
              value={leaveTypeId}
              onChange={(event) => setLeaveTypeId(event.currentTarget.value)}
              data={(leave.data?.types ?? []).map((type) => ({ value: String(type.id), label: type.name }))}
              error={fieldErrors.leaveTypeId}
              w={240}
            />
            <NativeSelect
              label={t('requests.fields.unit')}
              value={unit}
              onChange={(event) => setUnit(event.currentTarget.value as (typeof LEAVE_UNITS)[number])}
              data={LEAVE_UNITS.map((k) => ({ value: k, label: t(`requests.units.${k}`) }))}
              error={fieldErrors.unit}
              w={240}
            />
            <Group>
              <TextInput
                label={t('requests.fields.leaveFrom')}
                type="date"
                value={from}
                onChange={(event) => setFrom(event.currentTarget.value)}
                error={fieldErrors.from}
              />
              {unit === 'full' ? (
                <TextInput
                  label={t('requests.fields.leaveTo')}
                  type="date"
                  value={to}
                  onChange={(event) => setTo(event.currentTarget.value)}
                  error={fieldErrors.to}
                />
              ) : null}
              {unit === 'hours' ? (
                <NumberInput
                  label={t('requests.fields.hours')}
                  value={hours}
                  onChange={setHours}
                  min={1}
                  max={23}
                  error={fieldErrors.hours}
                />
              ) : null}
            </Group>
            {leave.data?.balance?.annual ? (
              <Text fz="sm" c={leave.data.balance.covered ? undefined : 'red.9'} role="status">
                {t(leave.data.balance.covered ? 'requests.balance' : 'requests.balanceShort', {
                  before: leave.data.balance.before,
                  after: leave.data.balance.after,
                })}
              </Text>
            ) : null}
            {leave.data?.dayOff ? (
              <Text fz="sm" c="red.9" role="status">
                {t('requests.dayOff')}
              </Text>
            ) : null}
            <ErrorAlert error={leave.error} />
          </>
        ) : null}

        {kind === 'overtime' ? (
          <>
            <Group align="flex-end">
              <TextInput
                label={t('requests.fields.plannedEnd')}
                type="time"
                value={plannedEnd}
                onChange={(event) => setPlannedEnd(event.currentTarget.value)}
                error={fieldErrors.plannedEnd}
                w={170}
              />
              <Checkbox
                label={t('requests.fields.nextDay')}
                checked={nextDay}
                onChange={(event) => setNextDay(event.currentTarget.checked)}
                mb={8}
              />
            </Group>
            <Text fz="sm">{t('requests.overtimeHint')}</Text>
          </>
        ) : null}

        {kind === 'attendance_confirmation' ? (
          <>
            <TextInput
              label={t('requests.fields.month')}
              type="month"
              value={month}
              onChange={(event) => setMonth(event.currentTarget.value)}
              error={fieldErrors.month}
              w={240}
            />
            <Text fz="sm">{t('requests.confirmationHint')}</Text>
          </>
        ) : null}

        <Textarea
          label={t('requests.fields.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={fieldErrors.reason}
          autosize
          minRows={2}
          maxLength={500}
        />
        {fieldErrors._ ? (
          <Alert color="gray" variant="light" role="status">
            {fieldErrors._}
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void send()}
            loading={saving}
            disabled={Boolean(day.data?.refusal) && kind === 'punch_correction'}
          >
            {resend ? t('requests.resend') : t('requests.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
