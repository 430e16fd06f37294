import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';

type Settings = Awaited<ReturnType<typeof call<typeof routes.laborAlerts.getSettings>>>;
const KEY = ['labor-alerts', 'settings'] as const;

/**
 * 設定 > 36協定・労務アラート (issue 19): the agreement's start month and 特別条項, the contract's own
 * limits in hours and the warning level, 連続勤務 days, 勤務間インターバル hours, and 留学生 with their
 * long vacations. Saved in the 操作ログ; every month is then recomputed.
 */
export function LaborAlertSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => call(routes.laborAlerts.getSettings, {}, { signal }),
  });
  const [form, setForm] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setForm(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (s: Settings) => {
      const { staffChoices: _choices, ...body } = s;
      return call(routes.laborAlerts.putSettings, { body });
    },
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['labor-alerts'] });
    },
  });
  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!form) return <Loading />;
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const hours = (minutes: number) => Math.round(minutes / 6) / 10;
  const minutes = (value: string | number) => Math.round(Number(value || 0) * 60);

  return (
    <AdminPage title={t('alerts.settings.title')}>
      <Text>{t('alerts.settings.lead')}</Text>
      <Paper withBorder p="md" maw={720}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(form);
          }}
        >
          <Stack gap="sm">
            <TextInput
              type="month"
              label={t('alerts.settings.startMonth')}
              value={form.agreementStartMonth}
              onChange={(e) => set({ agreementStartMonth: e.currentTarget.value })}
            />
            <Checkbox
              label={t('alerts.settings.specialClause')}
              checked={form.specialClause}
              onChange={(e) => set({ specialClause: e.currentTarget.checked })}
            />
            <Group grow>
              <NumberInput
                label={t('alerts.settings.monthLimit')}
                min={0}
                max={100}
                decimalScale={1}
                value={hours(form.monthLimitMinutes)}
                onChange={(v) => set({ monthLimitMinutes: minutes(v) })}
              />
              <NumberInput
                label={t('alerts.settings.yearLimit')}
                min={0}
                max={720}
                value={hours(form.yearLimitMinutes)}
                onChange={(v) => set({ yearLimitMinutes: minutes(v) })}
              />
              <NumberInput
                label={t('alerts.settings.warningPercent')}
                min={1}
                max={100}
                value={form.warningPercent}
                onChange={(v) => set({ warningPercent: Number(v || 0) })}
              />
            </Group>
            <Group grow>
              <NumberInput
                label={t('alerts.settings.consecutiveDays')}
                min={2}
                max={60}
                value={form.consecutiveDays}
                onChange={(v) => set({ consecutiveDays: Number(v || 0) })}
              />
              <NumberInput
                label={t('alerts.settings.intervalHours')}
                min={0}
                max={24}
                decimalScale={1}
                value={hours(form.intervalMinutes)}
                onChange={(v) => set({ intervalMinutes: minutes(v) })}
              />
            </Group>
            <MultiSelect
              label={t('alerts.settings.students')}
              searchable
              value={form.studentStaffIds.map(String)}
              onChange={(ids) => set({ studentStaffIds: ids.map(Number) })}
              data={form.staffChoices.map((s) => ({
                value: String(s.id),
                label: s.code ? `${s.name} (${s.code})` : s.name,
              }))}
            />
            <Title order={2} size="h5">
              {t('alerts.settings.vacations')}
            </Title>
            {form.longVacations.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
              <Group key={i} align="flex-end">
                <TextInput
                  type="date"
                  label={t('alerts.settings.vacationFrom', { n: i + 1 })}
                  value={v.from}
                  onChange={(e) => {
                    const from = e.currentTarget.value;
                    set({ longVacations: form.longVacations.map((x, j) => (j === i ? { ...x, from } : x)) });
                  }}
                />
                <TextInput
                  type="date"
                  label={t('alerts.settings.vacationTo', { n: i + 1 })}
                  value={v.to}
                  onChange={(e) => {
                    const to = e.currentTarget.value;
                    set({ longVacations: form.longVacations.map((x, j) => (j === i ? { ...x, to } : x)) });
                  }}
                />
                <Button
                  variant="default"
                  onClick={() => set({ longVacations: form.longVacations.filter((_, j) => j !== i) })}
                >
                  {t('alerts.settings.removeVacation', { n: i + 1 })}
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() => set({ longVacations: [...form.longVacations, { from: '', to: '' }] })}
              >
                {t('alerts.settings.addVacation')}
              </Button>
            </Group>
            {save.error && <ErrorAlert error={save.error} />}
            {saved && <NoticeAlert>{t('alerts.settings.saved')}</NoticeAlert>}
            <Group>
              <Button type="submit" color="teal.9" loading={save.isPending}>
                {t('alerts.settings.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </AdminPage>
  );
}
