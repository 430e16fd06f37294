import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { PUNCH_TYPES, type PunchType, type TimecardDay } from './timecardApi.ts';
import { addDays } from './timecardFormat.ts';

interface Row {
  key: string;
  id: number | null;
  type: PunchType;
  time: string;
  nextDay: boolean;
  deleted: boolean;
  initial: { type: PunchType; at: string } | null;
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

function rowsOf(day: TimecardDay): Row[] {
  return [...day.punches]
    .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)
    .map((punch) => ({
      key: `p${punch.id}`,
      id: punch.id,
      type: punch.type,
      time: punch.at.slice(11, 16),
      nextDay: punch.at.slice(0, 10) > day.date,
      deleted: false,
      initial: { type: punch.type, at: punch.at },
    }));
}

/** The type a new punch most likely has, after the day's last one. */
function nextType(rows: Row[]): PunchType {
  const last = rows.filter((r) => !r.deleted).at(-1)?.type;
  if (!last || last === 'clock_out') return 'clock_in';
  if (last === 'break_start') return 'break_end';
  return 'clock_out';
}

/**
 * 修正: the day's punches editable (type, time, next day), 打刻を追加 and 削除 per punch, and the
 * required 修正理由. 保存 sends the day as it should be (PUT /timecards/:id/days/:date): the server
 * checks it as a day (a row that breaks it is named, with 翌日 suggested where it mends it) and
 * writes versions; the raw punch stays and the 修正履歴 shows both.
 */
export function CorrectionModal({
  staffId,
  day,
  onClose,
  onSaved,
}: {
  staffId: number;
  day: TimecardDay;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(day));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [counter, setCounter] = useState(0);

  // When the day changes underneath (another correction), the refreshed day replaces the rows.
  const signature = day.punches.map((p) => p.id).join(',');
  const shown = useRef(signature);
  useEffect(() => {
    if (shown.current === signature) return;
    shown.current = signature;
    setRows(rowsOf(day));
  }, [signature, day]);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const atOf = (row: Row) => `${row.nextDay ? addDays(day.date, 1) : day.date}T${row.time}`;

  async function save() {
    setError(null);
    setNotice(null);
    const errors: Record<string, string> = {};
    for (const row of rows) {
      if (!row.deleted && !TIME_PATTERN.test(row.time)) errors[row.key] = t('timecard.correct.timeInvalid');
    }
    setRowErrors(errors);
    const trimmed = reason.trim();
    setReasonError(trimmed ? null : t('timecard.correct.reasonRequired'));
    if (Object.keys(errors).length > 0 || !trimmed) return;

    const kept = rows.filter((row) => !row.deleted);
    const unchanged =
      kept.length === rows.length &&
      kept.every((row) => row.initial && row.type === row.initial.type && atOf(row) === row.initial.at);
    if (unchanged) {
      setNotice(t('timecard.correct.nothingChanged'));
      return;
    }
    setSaving(true);
    try {
      // The day as it should be, in one request: checked as a whole and saved all or nothing.
      await call(routes.timecards.correctDay, {
        params: { id: staffId, date: day.date },
        body: {
          punches: kept.map((row) => ({
            ...(row.id !== null ? { id: row.id } : {}),
            type: row.type,
            at: atOf(row),
          })),
          reason: trimmed,
        },
      });
    } catch (caught) {
      setSaving(false);
      if (isApiError(caught)) {
        if (caught.fields.reason) setReasonError(caught.fields.reason.message);
        const onRows: Record<string, string> = {};
        for (const [field, value] of Object.entries(caught.fields)) {
          const match = /^punches\.(\d+)\.at$/.exec(field);
          const row = match ? kept[Number(match[1])] : undefined;
          if (row) onRows[row.key] = value.message;
        }
        setRowErrors(onRows);
        // The message next to the row says what to do; the alert only when no row is named.
        if (Object.keys(onRows).length > 0) return;
      }
      setError(caught);
      return;
    }
    setSaving(false);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['timecard', staffId] }),
      queryClient.invalidateQueries({ queryKey: ['reports'] }),
    ]);
    onSaved(t('timecard.correct.saved', { date: formatDate(day.date) }));
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('timecard.correct.title', { date: formatDate(day.date) })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        {rows.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('timecard.correct.noPunches')}
          </Text>
        ) : null}
        {rows.map((row, index) => (
          <Stack key={row.key} gap={2}>
            <Group align="flex-end" gap="xs" wrap="nowrap" opacity={row.deleted ? 0.6 : 1}>
              <NativeSelect
                label={t('timecard.correct.type')}
                value={row.type}
                disabled={row.deleted}
                onChange={(event) => update(row.key, { type: event.currentTarget.value as PunchType })}
                data={PUNCH_TYPES.map((type) => ({ value: type, label: t(`timecard.punchTypes.${type}`) }))}
                w={130}
              />
              <TextInput
                label={t('timecard.correct.time')}
                type="time"
                value={row.time}
                disabled={row.deleted}
                onChange={(event) => update(row.key, { time: event.currentTarget.value })}
                error={rowErrors[row.key]}
                w={130}
              />
              <Checkbox
                label={t('timecard.correct.nextDay')}
                checked={row.nextDay}
                disabled={row.deleted}
                onChange={(event) => update(row.key, { nextDay: event.currentTarget.checked })}
                mb={8}
              />
              {row.deleted ? (
                <Button
                  variant="default"
                  size="xs"
                  mb={4}
                  onClick={() => update(row.key, { deleted: false })}
                >
                  {t('timecard.correct.undoDelete')}
                </Button>
              ) : (
                <Button
                  variant="outline"
                  color="red.9"
                  size="xs"
                  mb={4}
                  aria-label={t('timecard.correct.deleteNamed', { index: index + 1 })}
                  onClick={() =>
                    row.id === null
                      ? setRows((current) => current.filter((r) => r.key !== row.key))
                      : update(row.key, { deleted: true })
                  }
                >
                  {t('timecard.correct.delete')}
                </Button>
              )}
            </Group>
            {row.deleted ? (
              <Text fz="xs" c="red.9">
                {t('timecard.correct.willDelete')}
              </Text>
            ) : row.initial === null ? (
              <Text fz="xs" c="dimmed">
                {t('timecard.correct.willAdd')}
              </Text>
            ) : null}
          </Stack>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setRows((current) => [
                ...current,
                {
                  key: `n${counter}`,
                  id: null,
                  type: nextType(current),
                  time: '',
                  nextDay: false,
                  deleted: false,
                  initial: null,
                },
              ]);
              setCounter((n) => n + 1);
            }}
          >
            {t('timecard.correct.add')}
          </Button>
        </Group>
        <Textarea
          label={t('timecard.correct.reason')}
          description={t('timecard.correct.reasonHint')}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            if (event.currentTarget.value.trim()) setReasonError(null);
          }}
          error={reasonError}
          autosize
          minRows={2}
          maxLength={500}
        />
        {notice ? (
          <Alert color="gray" variant="light" role="status">
            {notice}
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
