import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { halfWidthDigitProps } from '../../shared/digits.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { useOffices } from '../staff/staffQueries.ts';
import { useStaffChoices } from '../timecards/timecardApi.ts';
import {
  type BreakValues,
  type FormValues,
  formValuesOf,
  overridesOf,
  ROUNDING_MODES,
  ROUNDING_UNITS,
  type Group as RulesGroup,
  roundingCutsWork,
  scheduleProblem,
  TIME_PATTERN,
  WEEKDAYS,
  type Weekday,
  type WorkRules,
  type WorkRulesAnswer,
} from './workRulesModel.ts';

type Target = { kind: 'contract' } | { kind: 'office'; id: number } | { kind: 'staff'; id: number };

function parseTarget(value: string | null): Target {
  const match = /^(office|staff):(\d+)$/.exec(value ?? '');
  if (!match) return { kind: 'contract' };
  return { kind: match[1] as 'office' | 'staff', id: Number(match[2]) };
}
const targetValue = (target: Target) =>
  target.kind === 'contract' ? 'contract' : `${target.kind}:${target.id}`;
/** The 勤務ルール routes of a level (the contract's, an office's, a person's). */
function getRules(target: Target, signal: AbortSignal) {
  if (target.kind === 'contract') return call(routes.timecards.getContractRules, {}, { signal });
  const params = { id: target.id };
  return target.kind === 'office'
    ? call(routes.timecards.getOfficeRules, { params }, { signal })
    : call(routes.timecards.getStaffRules, { params }, { signal });
}
function putRules(target: Target, body: ReturnType<typeof overridesOf>) {
  if (target.kind === 'contract') return call(routes.timecards.putContractRules, { body });
  const params = { id: target.id };
  return target.kind === 'office'
    ? call(routes.timecards.putOfficeRules, { params, body })
    : call(routes.timecards.putStaffRules, { params, body });
}

function useRules(target: Target | null) {
  return useQuery({
    queryKey: ['work-rules', target ? targetValue(target) : 'none'],
    queryFn: ({ signal }) => getRules(target!, signal),
    enabled: target !== null,
  });
}

/**
 * 設定 > 勤務ルール: the contract's defaults, and the overrides of an office or a person (each part
 * either inherited, with the value in force shown beside it, or set at that level).
 */
export function WorkRulesPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const [params, setParams] = useSearchParams();
  const target = parseTarget(params.get('target'));
  const offices = useOffices();
  const staff = useStaffChoices(me, null);
  const rules = useRules(target);
  const contract = useRules({ kind: 'contract' });
  const staffOffice =
    target.kind === 'staff' ? staff.data?.find((s) => s.id === target.id)?.offices[0] : undefined;
  const office = useRules(staffOffice !== undefined ? { kind: 'office', id: staffOffice } : null);
  const title = t('timecard.rules.title');

  if (me.staff?.isAdmin !== true) {
    return (
      <AdminPage title={title}>
        <Alert color="gray">{t('timecard.rules.adminOnly')}</Alert>
      </AdminPage>
    );
  }

  const waitingForOffice =
    target.kind === 'staff' && (staff.isPending || (staffOffice !== undefined && office.isPending));
  const inherited: WorkRules | undefined =
    target.kind === 'contract'
      ? rules.data?.defaults
      : target.kind === 'office'
        ? contract.data?.effective
        : (office.data?.effective ?? contract.data?.effective);
  const source =
    target.kind === 'office'
      ? t('timecard.rules.fromContract')
      : staffOffice !== undefined
        ? t('timecard.rules.fromOffice')
        : t('timecard.rules.fromContract');

  return (
    <AdminPage title={title}>
      <Text fz="sm">{t('timecard.rules.lead')}</Text>
      <NativeSelect
        label={t('timecard.rules.target')}
        description={t('timecard.rules.targetHint')}
        value={targetValue(target)}
        onChange={(event) => setParams({ target: event.currentTarget.value })}
        data={[
          { value: 'contract', label: t('timecard.rules.contractDefault') },
          {
            group: t('timecard.rules.offices'),
            items: (offices.data ?? []).map((o) => ({ value: `office:${o.id}`, label: o.name })),
          },
          {
            group: t('timecard.rules.staff'),
            items: (staff.data ?? []).map((s) => ({
              value: `staff:${s.id}`,
              label: s.code ? `${s.code} ${s.name}` : s.name,
            })),
          },
        ]}
        maw={420}
      />
      <ErrorAlert error={rules.error ?? contract.error ?? offices.error ?? staff.error} />
      {rules.isPending || contract.isPending || waitingForOffice || !inherited || !rules.data ? (
        rules.isError ? null : (
          <Loading />
        )
      ) : (
        <RulesForm
          key={targetValue(target)}
          target={target}
          answer={rules.data}
          inherited={inherited}
          source={source}
        />
      )}
    </AdminPage>
  );
}

function RulesForm({
  target,
  answer,
  inherited,
  source,
}: {
  target: Target;
  answer: WorkRulesAnswer;
  inherited: WorkRules;
  source: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [unshown, setUnshown] = useState<string[]>([]);
  const initial = useMemo(() => formValuesOf(answer.level, answer.overrides, inherited), [answer, inherited]);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => validate(values, t),
  });

  const save = useMutation({
    mutationFn: (values: FormValues) => putRules(target, overridesOf(values, answer.overrides, inherited)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['work-rules', targetValue(target)], saved);
      form.setValues(formValuesOf(saved.level, saved.overrides, inherited));
      form.resetDirty();
      setNotice(t('timecard.rules.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['work-rules'] }),
        queryClient.invalidateQueries({ queryKey: ['timecard'] }),
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
      ]);
    },
    onError: (error) => {
      setNotice(null);
      setUnshown(applyRulesErrors(form, error));
    },
  });

  const values = form.getValues();
  const level = answer.level;
  const inheritedValues = useMemo(() => formValuesOf('contract', {}, inherited), [inherited]);
  const part = (group: RulesGroup, legend: string, children: ReactNode) => (
    <Part
      level={level}
      group={group}
      legend={legend}
      form={form}
      summary={summaryOf(group, inheritedValues, t)}
      source={source}
    >
      {children}
    </Part>
  );
  const disabled = (group: RulesGroup) => !values.override[group];
  const weekdayOptions = WEEKDAYS.map((d) => ({ value: d, label: t(`timecard.weekdays.${d}`) }));
  const cuts = roundingCutsWork(values.clockIn, values.clockOut);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((submitted) => {
        setUnshown([]);
        save.mutate(submitted);
      })}
    >
      <Stack gap="md">
        {level !== 'contract' ? (
          <Text fz="sm" c="dimmed">
            {t('timecard.rules.overrideLead')}
          </Text>
        ) : null}

        {part(
          'schedule',
          t('timecard.rules.schedule'),
          <Stack gap="sm">
            <Group align="flex-start" gap="sm">
              <TextInput
                type="time"
                label={t('timecard.rules.start')}
                disabled={disabled('schedule')}
                w={140}
                {...form.getInputProps('start')}
              />
              <TextInput
                type="time"
                label={t('timecard.rules.end')}
                disabled={disabled('schedule')}
                w={140}
                {...form.getInputProps('end')}
              />
            </Group>
            <BreakList form={form} path="breaks" prefix="" disabled={disabled('schedule')} />
            <Fieldset legend={t('timecard.rules.byWeekday')} variant="unstyled">
              <Text fz="xs" c="dimmed" mb={4}>
                {t('timecard.rules.byWeekdayHint')}
              </Text>
              <Group gap="md" align="flex-start">
                {WEEKDAYS.map((day) => (
                  <WeekdayRow key={day} day={day} form={form} disabled={disabled('schedule')} />
                ))}
              </Group>
            </Fieldset>
          </Stack>,
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {part(
            'scheduledHolidays',
            t('timecard.rules.scheduledHolidays'),
            <Checkbox.Group {...form.getInputProps('scheduledHolidays')}>
              <Group gap="sm">
                {WEEKDAYS.map((day) => (
                  <Checkbox
                    key={day}
                    value={day}
                    label={t(`timecard.weekdays.${day}`)}
                    disabled={disabled('scheduledHolidays')}
                  />
                ))}
              </Group>
            </Checkbox.Group>,
          )}
          {part(
            'legalHoliday',
            t('timecard.rules.legalHoliday'),
            <NativeSelect
              label={t('timecard.rules.legalHoliday')}
              description={t('timecard.rules.legalHolidayHint')}
              disabled={disabled('legalHoliday')}
              data={[...weekdayOptions, { value: 'none', label: t('timecard.rules.unspecified') }]}
              {...form.getInputProps('legalHoliday')}
            />,
          )}
          {part(
            'nationalHolidayIsScheduledHoliday',
            t('timecard.rules.nationalHolidays'),
            <Checkbox
              label={t('timecard.rules.nationalHolidayIsScheduledHoliday')}
              description={t('timecard.rules.nationalHolidayHint')}
              disabled={disabled('nationalHolidayIsScheduledHoliday')}
              {...form.getInputProps('nationalHolidayIsScheduledHoliday', { type: 'checkbox' })}
            />,
          )}
          {part(
            'weekStart',
            t('timecard.rules.weekStart'),
            <NativeSelect
              label={t('timecard.rules.weekStart')}
              disabled={disabled('weekStart')}
              data={weekdayOptions}
              {...form.getInputProps('weekStart')}
            />,
          )}
          {part(
            'monthStartDay',
            t('timecard.rules.monthStartDayPart'),
            <TextInput
              inputMode="numeric"
              label={t('timecard.rules.monthStartDay')}
              description={t('timecard.rules.monthStartDayHint')}
              disabled={disabled('monthStartDay')}
              w={260}
              autoComplete="off"
              // A text field, so that full-width digits (２１) show as half-width (issue 11 §5).
              {...halfWidthDigitProps(form.getInputProps('monthStartDay'))}
            />,
          )}
          {part(
            'dayBoundary',
            t('timecard.rules.dayBoundary'),
            <TextInput
              type="time"
              label={t('timecard.rules.dayBoundary')}
              description={t('timecard.rules.dayBoundaryHint')}
              disabled={disabled('dayBoundary')}
              w={260}
              {...form.getInputProps('dayBoundary')}
            />,
          )}
        </SimpleGrid>

        {part(
          'rounding',
          t('timecard.rules.rounding'),
          <Stack gap="xs">
            <Group align="flex-start" gap="sm">
              <NativeSelect
                label={t('timecard.rules.roundingUnit')}
                disabled={disabled('rounding')}
                data={ROUNDING_UNITS.map((unit) => ({
                  value: String(unit),
                  label: t('timecard.rules.minutes', { count: unit }),
                }))}
                w={140}
                {...form.getInputProps('roundingUnit')}
              />
              <NativeSelect
                label={t('timecard.rules.clockIn')}
                disabled={disabled('rounding')}
                data={ROUNDING_MODES.map((mode) => ({
                  value: mode,
                  label: t(`timecard.rules.modes.${mode}`),
                }))}
                w={160}
                {...form.getInputProps('clockIn')}
              />
              <NativeSelect
                label={t('timecard.rules.clockOut')}
                disabled={disabled('rounding')}
                data={ROUNDING_MODES.map((mode) => ({
                  value: mode,
                  label: t(`timecard.rules.modes.${mode}`),
                }))}
                w={160}
                {...form.getInputProps('clockOut')}
              />
            </Group>
            <Text fz="xs" c="dimmed">
              {t('timecard.rules.roundingHint')}
            </Text>
            {cuts ? (
              <Alert color="orange" variant="light" role="alert">
                {t('timecard.rules.roundingWarning')}
              </Alert>
            ) : null}
          </Stack>,
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {part(
            'monthlyRounding',
            t('timecard.rules.monthlyRoundingPart'),
            <Checkbox
              label={t('timecard.rules.monthlyRounding')}
              description={t('timecard.rules.monthlyRoundingHint')}
              disabled={disabled('monthlyRounding')}
              {...form.getInputProps('monthlyRounding', { type: 'checkbox' })}
            />,
          )}
          {part(
            'variableWorkingHours',
            t('timecard.rules.workingTimeSystemPart'),
            <NativeSelect
              label={t('timecard.rules.workingTimeSystem')}
              description={t('timecard.rules.workingTimeSystemHint')}
              disabled={disabled('variableWorkingHours')}
              data={(['normal', 'monthly'] as const).map((value) => ({
                value,
                label: t(`timecard.rules.workingTimeSystems.${value}`),
              }))}
              {...form.getInputProps('workingTimeSystem')}
            />,
          )}
          {part(
            'shiftRounding',
            t('timecard.rules.shiftRoundingPart'),
            <Stack gap="xs">
              <Radio.Group
                label={t('timecard.rules.shiftRounding')}
                description={t('timecard.rules.shiftRoundingHint')}
                {...form.getInputProps('shiftRoundingMode')}
              >
                <Stack gap={4} mt={4}>
                  {(['round', 'punches_only', 'none'] as const).map((mode) => (
                    <Radio
                      key={mode}
                      value={mode}
                      label={t(`timecard.rules.shiftRoundingModes.${mode}`)}
                      disabled={disabled('shiftRounding')}
                    />
                  ))}
                </Stack>
              </Radio.Group>
              <NativeSelect
                label={t('timecard.rules.shiftRoundingUnit')}
                disabled={disabled('shiftRounding')}
                data={['5', '10', '15', '30', '60'].map((value) => ({
                  value,
                  label: t('timecard.rules.minutes', { count: Number(value) }),
                }))}
                {...form.getInputProps('shiftRoundingUnit')}
              />
            </Stack>,
          )}
          {part(
            'weeklyLimitMinutes',
            t('timecard.rules.weeklyLimitPart'),
            <Checkbox
              label={t('timecard.rules.special44')}
              description={t('timecard.rules.special44Hint')}
              disabled={disabled('weeklyLimitMinutes')}
              {...form.getInputProps('special44', { type: 'checkbox' })}
            />,
          )}
        </SimpleGrid>

        {unshown.length > 0 ? (
          <Alert color="red" variant="light" role="alert">
            {unshown.map((message) => (
              <Text key={message} fz="sm">
                {message}
              </Text>
            ))}
          </Alert>
        ) : null}
        {save.error && unshown.length === 0 && !isFieldError(save.error) ? (
          <ErrorAlert error={save.error} />
        ) : null}
        <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function isFieldError(error: unknown) {
  return isApiError(error) && Object.keys(error.fields).length > 0;
}

/** One part of the rules: at an office or a person, an "override" switch and the inherited value. */
function Part({
  level,
  group,
  legend,
  form,
  summary,
  source,
  children,
}: {
  level: WorkRulesAnswer['level'];
  group: RulesGroup;
  legend: string;
  form: UseFormReturnType<FormValues>;
  summary: string;
  source: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const override = form.getValues().override[group];
  return (
    <Fieldset legend={legend} data-part={group}>
      <Stack gap="xs">
        {level !== 'contract' ? (
          <>
            <Checkbox
              label={t('timecard.rules.overrideThis', { part: legend })}
              {...form.getInputProps(`override.${group}`, { type: 'checkbox' })}
            />
            {!override ? (
              <Text fz="sm" c="dimmed">
                {t('timecard.rules.inherited', { source, value: summary })}
              </Text>
            ) : null}
          </>
        ) : null}
        {children}
      </Stack>
    </Fieldset>
  );
}

function BreakList({
  form,
  path,
  prefix,
  disabled,
}: {
  form: UseFormReturnType<FormValues>;
  path: 'breaks' | `byWeekday.${Weekday}.breaks`;
  prefix: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const breaks = (
    path === 'breaks'
      ? form.getValues().breaks
      : form.getValues().byWeekday[path.split('.')[1] as Weekday].breaks
  ) as BreakValues[];
  const error = form.errors[path];
  return (
    <Stack gap={4}>
      {breaks.map((_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: breaks have no identity but their place
        <Group key={index} align="flex-end" gap="xs">
          <TextInput
            type="time"
            label={t('timecard.rules.breakStart', { prefix, index: index + 1 })}
            disabled={disabled}
            w={140}
            {...form.getInputProps(`${path}.${index}.start`)}
          />
          <Text pb={6}>〜</Text>
          <TextInput
            type="time"
            label={t('timecard.rules.breakEnd', { prefix, index: index + 1 })}
            disabled={disabled}
            w={140}
            {...form.getInputProps(`${path}.${index}.end`)}
          />
          <Button
            variant="default"
            size="xs"
            mb={4}
            disabled={disabled}
            onClick={() => form.removeListItem(path, index)}
          >
            {t('timecard.rules.removeBreak', { prefix, index: index + 1 })}
          </Button>
        </Group>
      ))}
      {error ? (
        <Text fz="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="xs"
          disabled={disabled}
          onClick={() => form.insertListItem(path, { start: '', end: '' })}
        >
          {t('timecard.rules.addBreak', { prefix })}
        </Button>
      </Group>
    </Stack>
  );
}

function WeekdayRow({
  day,
  form,
  disabled,
}: {
  day: Weekday;
  form: UseFormReturnType<FormValues>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const value = form.getValues().byWeekday[day];
  const short = t(`timecard.weekdaysShort.${day}`);
  return (
    <Stack gap={4}>
      <Group align="flex-start" gap="sm">
        <NativeSelect
          label={t('timecard.rules.weekdaySchedule', { day: short })}
          disabled={disabled}
          data={[
            { value: 'default', label: t('timecard.rules.weekdayModes.default') },
            { value: 'custom', label: t('timecard.rules.weekdayModes.custom') },
            { value: 'off', label: t('timecard.rules.weekdayModes.off') },
          ]}
          w={180}
          {...form.getInputProps(`byWeekday.${day}.mode`)}
        />
        {value.mode === 'custom' ? (
          <>
            <TextInput
              type="time"
              label={t('timecard.rules.weekdayStart', { day: short })}
              disabled={disabled}
              w={140}
              {...form.getInputProps(`byWeekday.${day}.start`)}
            />
            <TextInput
              type="time"
              label={t('timecard.rules.weekdayEnd', { day: short })}
              disabled={disabled}
              w={140}
              {...form.getInputProps(`byWeekday.${day}.end`)}
            />
          </>
        ) : null}
      </Group>
      {value.mode === 'custom' ? (
        <BreakList form={form} path={`byWeekday.${day}.breaks`} prefix={short} disabled={disabled} />
      ) : null}
    </Stack>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Client checks that mirror the engine's (labor-rules.md §12), so a bad schedule never reaches it. */
function validate(values: FormValues, t: T): Record<string, string> {
  const errors: Record<string, string> = {};
  const scheduleError = (start: string, end: string, breaks: BreakValues[], prefix: string) => {
    const problem = scheduleProblem(start, end, breaks);
    if (problem === 'time') {
      if (!TIME_PATTERN.test(start)) errors[`${prefix}start`] = t('timecard.rules.errors.time');
      if (!TIME_PATTERN.test(end)) errors[`${prefix}end`] = t('timecard.rules.errors.time');
      if (TIME_PATTERN.test(start) && TIME_PATTERN.test(end))
        errors[`${prefix}breaks`] = t('timecard.rules.errors.breakTime');
    } else if (problem === 'breakOutside') {
      errors[`${prefix}breaks`] = t('timecard.rules.errors.breakOutside');
    }
  };
  if (values.override.schedule) {
    if (values.start || values.end || values.breaks.length > 0)
      scheduleError(values.start, values.end, values.breaks, '');
    for (const day of WEEKDAYS) {
      const v = values.byWeekday[day];
      if (v.mode === 'custom') scheduleError(v.start, v.end, v.breaks, `byWeekday.${day}.`);
    }
  }
  if (values.override.monthStartDay) {
    const day = Number(values.monthStartDay);
    if (!/^\d+$/.test(values.monthStartDay) || day < 1 || day > 28)
      errors.monthStartDay = t('timecard.rules.errors.monthStartDay');
  }
  if (values.override.dayBoundary && !TIME_PATTERN.test(values.dayBoundary)) {
    errors.dayBoundary = t('timecard.rules.errors.time');
  }
  return errors;
}

/** Server field errors (`schedule.default.breaks.1`, `monthStartDay` …) next to the fields they name. */
function applyRulesErrors(form: UseFormReturnType<FormValues>, error: unknown): string[] {
  if (!isApiError(error)) return [];
  const errors: Record<string, string> = {};
  const unshown: string[] = [];
  for (const [name, field] of Object.entries(error.fields)) {
    const parts = name.split('.');
    let target: string | null = null;
    if (parts[0] === 'schedule' && parts[1] === 'default') {
      target = parts[2] === 'start' || parts[2] === 'end' ? parts[2] : 'breaks';
    } else if (parts[0] === 'schedule' && parts[1] === 'byWeekday' && parts[2]) {
      target =
        parts[3] === 'start' || parts[3] === 'end'
          ? `byWeekday.${parts[2]}.${parts[3]}`
          : `byWeekday.${parts[2]}.breaks`;
    } else if (parts[0] === 'rounding')
      target = parts[1] === 'unit' ? 'roundingUnit' : (parts[1] ?? 'roundingUnit');
    else if (parts[0] === 'weeklyLimitMinutes') target = 'special44';
    else if (parts[0] === 'variableWorkingHours') target = 'workingTimeSystem';
    else if (
      parts[0] &&
      [
        'scheduledHolidays',
        'legalHoliday',
        'weekStart',
        'monthStartDay',
        'dayBoundary',
        'monthlyRounding',
        'nationalHolidayIsScheduledHoliday',
      ].includes(parts[0])
    )
      target = parts[0];
    if (target) errors[target] = errors[target] ?? field.message;
    else unshown.push(field.message);
  }
  form.setErrors(errors);
  return unshown;
}

/** The inherited value of a part, in words, shown beside it while the part is not overridden. */
function summaryOf(group: RulesGroup, v: FormValues, t: T): string {
  const day = (d: string) => t(`timecard.weekdays.${d}`);
  const yesNo = (value: boolean) => (value ? t('timecard.rules.yes') : t('timecard.rules.no'));
  const span = (start: string, end: string, breaks: BreakValues[]) =>
    `${start}〜${end}${breaks.length ? `（${t('timecard.rules.breakShort')} ${breaks.map((b) => `${b.start}〜${b.end}`).join('、')}）` : ''}`;
  switch (group) {
    case 'schedule': {
      const extra = WEEKDAYS.filter((d) => v.byWeekday[d].mode !== 'default').map((d) =>
        v.byWeekday[d].mode === 'off'
          ? `${t(`timecard.weekdaysShort.${d}`)}: ${t('timecard.rules.weekdayModes.off')}`
          : `${t(`timecard.weekdaysShort.${d}`)}: ${span(v.byWeekday[d].start, v.byWeekday[d].end, v.byWeekday[d].breaks)}`,
      );
      return [v.start ? span(v.start, v.end, v.breaks) : t('timecard.rules.none'), ...extra].join(' / ');
    }
    case 'scheduledHolidays':
      return v.scheduledHolidays.length ? v.scheduledHolidays.map(day).join('・') : t('timecard.rules.none');
    case 'legalHoliday':
      return v.legalHoliday === 'none' ? t('timecard.rules.unspecified') : day(v.legalHoliday);
    case 'weekStart':
      return day(v.weekStart);
    case 'monthStartDay':
      return t('timecard.rules.dayOfMonth', { day: v.monthStartDay });
    case 'dayBoundary':
      return v.dayBoundary;
    case 'rounding':
      return t('timecard.rules.roundingSummary', {
        unit: v.roundingUnit,
        clockIn: t(`timecard.rules.modes.${v.clockIn}`),
        clockOut: t(`timecard.rules.modes.${v.clockOut}`),
      });
    case 'monthlyRounding':
      return yesNo(v.monthlyRounding);
    case 'weeklyLimitMinutes':
      return v.special44 ? t('timecard.rules.week44') : t('timecard.rules.week40');
    case 'variableWorkingHours':
      return t(`timecard.rules.workingTimeSystems.${v.workingTimeSystem}`);
    case 'shiftRounding':
      return v.shiftRoundingMode === 'none'
        ? t('timecard.rules.shiftRoundingModes.none')
        : `${t(`timecard.rules.shiftRoundingModes.${v.shiftRoundingMode}`)}（${t('timecard.rules.minutes', { count: Number(v.shiftRoundingUnit) })}）`;
    case 'nationalHolidayIsScheduledHoliday':
      return yesNo(v.nationalHolidayIsScheduledHoliday);
  }
}
