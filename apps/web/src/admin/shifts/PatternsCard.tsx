import {
  Button,
  Card,
  ColorSwatch,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { SHIFT_COLORS } from '@timecard/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { formatMinutes } from '../timecards/timecardFormat.ts';
import { type ShiftPattern, spanText } from './shiftModel.ts';

type Editing = {
  id: number | null;
  name: string;
  color: string;
  start: string;
  end: string;
  breakStart: string;
  breakEnd: string;
};

/** シフトパターン of the office: 早番, 遅番, 通し … (a pattern may cross midnight). */
export function PatternsCard({
  officeId,
  patterns,
  canEdit,
  onChanged,
}: {
  officeId: number;
  patterns: ShiftPattern[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ShiftPattern | null>(null);
  const save = useMutation({
    mutationFn: (value: Editing) => {
      const body = {
        name: value.name,
        color: value.color as (typeof SHIFT_COLORS)[number],
        start: value.start,
        end: value.end,
        breaks:
          value.breakStart || value.breakEnd ? [[value.breakStart, value.breakEnd] as [string, string]] : [],
      };
      return value.id === null
        ? call(routes.shifts.createPattern, { params: { id: officeId }, body })
        : call(routes.shifts.updatePattern, { params: { id: value.id }, body });
    },
    onSuccess: () => {
      setEditing(null);
      onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => call(routes.shifts.deletePattern, { params: { id } }),
    onSuccess: () => {
      setDeleting(null);
      onChanged();
    },
  });
  const fieldError = (field: string) =>
    isApiError(save.error) ? save.error.fields[field]?.message : undefined;

  return (
    <Card withBorder padding="sm" className="tc-no-print">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('shifts.patterns')}
        </Title>
        {canEdit ? (
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              save.reset();
              setEditing({
                id: null,
                name: '',
                color: SHIFT_COLORS[0],
                start: '09:00',
                end: '18:00',
                breakStart: '12:00',
                breakEnd: '13:00',
              });
            }}
          >
            {t('shifts.addPattern')}
          </Button>
        ) : null}
      </Group>
      {patterns.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('shifts.noPatterns')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={2}>
          <Table.Tbody>
            {patterns.map((p, i) => (
              <Table.Tr key={p.id}>
                <Table.Td w={30}>{i < 9 ? i + 1 : ''}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ColorSwatch color={p.color} size={14} aria-hidden />
                    <Text fz="sm" fw={700}>
                      {p.name}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{spanText(p.start, p.end, t('shifts.nextDayShort'))}</Table.Td>
                <Table.Td>
                  {p.breaks.length > 0
                    ? t('shifts.breakList', { list: p.breaks.map(([s, e]) => `${s}〜${e}`).join('、') })
                    : t('shifts.noBreak')}
                </Table.Td>
                <Table.Td>{formatMinutes(p.minutes)}</Table.Td>
                {canEdit ? (
                  <Table.Td>
                    <Group gap={4}>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('shifts.editPatternNamed', { name: p.name })}
                        onClick={() => {
                          save.reset();
                          setEditing({
                            id: p.id,
                            name: p.name,
                            color: p.color,
                            start: p.start,
                            end: p.end,
                            breakStart: p.breaks[0]?.[0] ?? '',
                            breakEnd: p.breaks[0]?.[1] ?? '',
                          });
                        }}
                      >
                        {t('shifts.edit')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="outline"
                        color="red.9"
                        aria-label={t('shifts.deletePatternNamed', { name: p.name })}
                        onClick={() => setDeleting(p)}
                      >
                        {t('shifts.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing ? (
        <Modal
          opened
          onClose={() => setEditing(null)}
          title={editing.id === null ? t('shifts.addPattern') : t('shifts.editPattern')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Stack>
            <TextInput
              label={t('shifts.patternName')}
              value={editing.name}
              onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
              error={fieldError('name')}
              maxLength={20}
            />
            <Group>
              <TextInput
                type="time"
                label={t('shifts.start')}
                value={editing.start}
                onChange={(e) => setEditing({ ...editing, start: e.currentTarget.value })}
                error={fieldError('start')}
                w={130}
              />
              <TextInput
                type="time"
                label={t('shifts.end')}
                value={editing.end}
                onChange={(e) => setEditing({ ...editing, end: e.currentTarget.value })}
                error={fieldError('end')}
                w={130}
              />
            </Group>
            <Group>
              <TextInput
                type="time"
                label={t('shifts.breakStart')}
                value={editing.breakStart}
                onChange={(e) => setEditing({ ...editing, breakStart: e.currentTarget.value })}
                w={130}
              />
              <TextInput
                type="time"
                label={t('shifts.breakEnd')}
                value={editing.breakEnd}
                onChange={(e) => setEditing({ ...editing, breakEnd: e.currentTarget.value })}
                error={fieldError('breaks')}
                w={130}
              />
            </Group>
            <NativeSelect
              label={t('shifts.color')}
              value={editing.color}
              data={SHIFT_COLORS.map((c, i) => ({ value: c, label: t('shifts.colorName', { n: i + 1 }) }))}
              onChange={(e) => setEditing({ ...editing, color: e.currentTarget.value })}
            />
            <Text fz="xs" c="dimmed">
              {t('shifts.customHint')}
            </Text>
            {save.error && !isApiError(save.error) ? <ErrorAlert error={save.error} /> : null}
            {isApiError(save.error) && Object.keys(save.error.fields).length === 0 ? (
              <ErrorAlert error={save.error} />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => save.mutate(editing)} loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
      <ConfirmModal
        opened={deleting !== null}
        title={t('shifts.deletePattern')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        loading={remove.isPending}
        error={remove.error}
        confirmColor="red.9"
      >
        <Text>{t('shifts.deletePatternConfirm', { name: deleting?.name ?? '' })}</Text>
      </ConfirmModal>
    </Card>
  );
}
