import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  EMPLOYMENT_TYPES,
  type EmploymentType,
  type LoginStatus,
  type Office,
  type OfficeRights,
  permissionsOf,
  type Right,
  type Staff,
  type StaffInput,
} from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { halfWidthDigitProps } from '../../shared/digits.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate, todayIso } from '../../shared/format.ts';
import {
  applyServerFieldErrors,
  EMAIL_PATTERN,
  ISO_DATE_PATTERN,
  KANA_PATTERN,
} from '../../shared/formErrors.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { PasscodeWarning } from '../PasscodeWarning.tsx';
import { useOffices } from './staffQueries.ts';

const RIGHT_NAMES = ['shiftPlan', 'attendance', 'officeManage', 'staffManage'] as const;
type RightName = (typeof RIGHT_NAMES)[number];
const RIGHTS: Right[] = ['none', 'view', 'edit'];

interface OfficeRow {
  member: boolean;
  shiftPlan: Right;
  attendance: Right;
  officeManage: Right;
  staffManage: Right;
}

interface Values {
  name: string;
  kana: string;
  code: string;
  email: string;
  employmentType: EmploymentType;
  hiredOn: string;
  retiredOn: string;
  weeklyDays: string;
  weeklyHours: string;
  leaveGrantMode: 'statutory' | 'manual';
  passcode: string;
  usage: 'active' | 'inactive';
  loginStatus: LoginStatus;
  isAdmin: boolean;
  offices: Record<string, OfficeRow>;
}

const FIELDS = [
  'name',
  'kana',
  'code',
  'email',
  'employmentType',
  'hiredOn',
  'retiredOn',
  'weeklyDays',
  'weeklyHours',
  'leaveGrantMode',
  'passcode',
  'usage',
  'loginStatus',
  'isAdmin',
  'offices',
] as const;

function valuesOf(staff: Staff | undefined, offices: Office[]): Values {
  const rows: Record<string, OfficeRow> = {};
  for (const office of offices) {
    const rights = staff?.offices.find((o) => o.officeId === office.id);
    rows[String(office.id)] = {
      // A new person in a one-office contract belongs to that office unless unticked.
      member: staff ? !!rights : offices.length === 1,
      shiftPlan: rights?.shiftPlan ?? 'none',
      attendance: rights?.attendance ?? 'none',
      officeManage: rights?.officeManage ?? 'none',
      staffManage: rights?.staffManage ?? 'none',
    };
  }
  return {
    name: staff?.name ?? '',
    kana: staff?.kana ?? '',
    code: staff?.code ?? '',
    email: staff?.email ?? '',
    employmentType: staff?.employmentType ?? 'full_time',
    hiredOn: staff?.hiredOn ?? '',
    retiredOn: staff?.retiredOn ?? '',
    weeklyDays: String(staff?.weeklyDays ?? 5),
    weeklyHours: String(staff?.weeklyHours ?? 40),
    leaveGrantMode: staff?.leaveGrantMode ?? 'statutory',
    passcode: '',
    usage: staff?.usage ?? 'active',
    loginStatus: staff?.loginStatus ?? 'allowed',
    isAdmin: staff?.isAdmin ?? false,
    offices: rows,
  };
}

function officesOf(values: Values): OfficeRights[] {
  return Object.entries(values.offices)
    .filter(([, row]) => row.member)
    .map(([officeId, row]) => ({
      officeId: Number(officeId),
      shiftPlan: row.shiftPlan,
      attendance: row.attendance,
      officeManage: row.officeManage,
      staffManage: row.staffManage,
    }));
}

/** `/admin/staff/new` (登録) and `/admin/staff/:id` (保存, 退職). */
export function StaffFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const offices = useOffices();
  const isNew = id === undefined || id === 'new';
  const staff = useQuery({
    queryKey: ['staff', 'one', id],
    queryFn: ({ signal }) => call(routes.staff.get, { params: { id: Number(id) } }, { signal }),
    enabled: !isNew,
  });
  const title = isNew ? t('staff.newTitle') : t('staff.editTitle');
  if (offices.isPending || (!isNew && staff.isPending)) {
    return (
      <AdminPage title={title}>
        <Loading />
      </AdminPage>
    );
  }
  if (offices.isError || staff.isError) {
    return (
      <AdminPage title={title}>
        <ErrorAlert error={offices.error ?? staff.error} />
      </AdminPage>
    );
  }
  return (
    <StaffForm
      key={id ?? 'new'}
      title={title}
      staff={isNew ? undefined : staff.data}
      offices={offices.data}
    />
  );
}

function StaffForm({
  title,
  staff,
  offices,
}: {
  title: string;
  staff: Staff | undefined;
  offices: Office[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useAdminSession();
  const permissions = permissionsOf(me);
  const isAdmin = permissions.isAdmin;
  const initial = useMemo(() => valuesOf(staff, offices), [staff, offices]);
  const [notice, setNotice] = useState<string | null>(null);
  const [unshown, setUnshown] = useState<string[]>([]);
  const [retireOpen, setRetireOpen] = useState(false);
  // Non-administrators may only place people in offices where they hold 従業員管理 編集.
  const canPlaceIn = (officeId: number) =>
    isAdmin || me.staff?.offices.some((o) => o.officeId === officeId && o.staffManage === 'edit') === true;

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      name: (value) =>
        !value.trim()
          ? t('validation.nameRequired')
          : value.length > 100
            ? t('validation.max', { max: 100 })
            : null,
      kana: (value) =>
        value && !KANA_PATTERN.test(value)
          ? t('validation.kana')
          : value.length > 100
            ? t('validation.max', { max: 100 })
            : null,
      code: (value) => (value.trim().length > 50 ? t('validation.max', { max: 50 }) : null),
      email: (value) => (value.trim() && !EMAIL_PATTERN.test(value.trim()) ? t('validation.email') : null),
      hiredOn: (value) => (value && !ISO_DATE_PATTERN.test(value) ? t('validation.date') : null),
      // Hours to the minute (29.5 = 29時間30分): anything else is refused, never rounded.
      weeklyHours: (value) =>
        /^\d{1,3}(\.\d+)?$/.test(value.trim()) &&
        Number(value) <= 168 &&
        Number.isInteger(Math.round(Number(value) * 60 * 1000) / 1000)
          ? null
          : t('validation.weeklyHours'),
      retiredOn: (value, values) =>
        value && !ISO_DATE_PATTERN.test(value)
          ? t('validation.date')
          : value && values.hiredOn && value < values.hiredOn
            ? t('validation.retiredBeforeHired')
            : null,
      passcode: (value) => (value && !/^\d{4}$/.test(value) ? t('validation.passcode') : null),
    },
  });

  const save = useMutation({
    mutationFn: (body: StaffInput) =>
      staff
        ? call(routes.staff.update, { params: { id: staff.id }, body })
        : call(routes.staff.create, { body }),
    onSuccess: (saved, body) => {
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      if (!staff) {
        const notice = saved.email
          ? t('staff.createdWithMail', { name: saved.name, email: saved.email })
          : t('staff.created', { name: saved.name });
        navigate('/admin/staff', { state: { notice } });
        return;
      }
      queryClient.setQueryData(['staff', 'one', String(staff.id)], saved);
      const next = valuesOf(saved, offices);
      form.setValues(next);
      form.resetDirty(next);
      setNotice(
        body.usage === 'inactive' && staff.usage === 'active'
          ? t('staff.retired', { name: saved.name })
          : t('common.saved'),
      );
      setRetireOpen(false);
    },
    onError: (error) => {
      setUnshown(applyServerFieldErrors(form.setErrors, error, FIELDS));
    },
  });

  const bodyOf = (values: Values): StaffInput => {
    const full: StaffInput = {
      name: values.name.trim(),
      kana: values.kana.trim(),
      code: values.code.trim() || null,
      email: values.email.trim() || null,
      employmentType: values.employmentType,
      hiredOn: values.hiredOn || null,
      retiredOn: values.retiredOn || null,
      weeklyDays: Number(values.weeklyDays),
      weeklyHours: Number(values.weeklyHours),
      leaveGrantMode: values.leaveGrantMode,
      usage: values.usage,
    };
    if (isAdmin) {
      full.loginStatus = values.loginStatus;
      full.isAdmin = values.isAdmin;
    }
    if (isAdmin || !staff) full.offices = officesOf(values);
    if (values.passcode) full.passcode = values.passcode;
    if (!staff) return full;
    // An edit sends what changed: rights the editor may not touch stay out of the request.
    const changed: StaffInput = {};
    for (const key of Object.keys(full) as (keyof StaffInput)[]) {
      if (key === 'passcode' || form.isDirty(key)) (changed as Record<string, unknown>)[key] = full[key];
    }
    return changed;
  };

  const submit = form.onSubmit((values) => {
    setUnshown([]);
    setNotice(null);
    save.mutate(bodyOf(values));
  });

  const retire = () => {
    const retiredOn = form.values.retiredOn || todayIso();
    save.mutate({ retiredOn, usage: 'inactive' });
  };

  const rightLabel = (name: RightName) => t(`rights.${name}`);

  return (
    <AdminPage title={title}>
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      {staff ? <PasscodeWarning staffId={staff.id} /> : null}
      <form noValidate onSubmit={submit}>
        <Stack maw={880}>
          <ErrorAlert error={save.error && !retireOpen ? save.error : null} />
          {unshown.length > 0 ? (
            <Alert color="red" role="alert">
              {unshown.join(' ')}
            </Alert>
          ) : null}
          <Fieldset legend={t('staff.section.basic')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('fields.name')} autoComplete="off" {...form.getInputProps('name')} />
              <TextInput
                label={t('fields.kana')}
                description={t('staff.kanaHint')}
                autoComplete="off"
                {...form.getInputProps('kana')}
              />
              <TextInput label={t('fields.code')} autoComplete="off" {...form.getInputProps('code')} />
              <TextInput
                label={t('fields.email')}
                description={t('staff.emailHint')}
                type="email"
                autoComplete="off"
                {...form.getInputProps('email')}
              />
              <NativeSelect
                label={t('fields.employmentType')}
                data={EMPLOYMENT_TYPES.map((value) => ({ value, label: t(`employmentTypes.${value}`) }))}
                {...form.getInputProps('employmentType')}
              />
              <TextInput
                label={t('fields.passcode')}
                description={staff?.hasPasscode ? t('staff.passcodeSet') : t('staff.passcodeHint')}
                inputMode="numeric"
                autoComplete="off"
                {...halfWidthDigitProps(form.getInputProps('passcode'))}
              />
              <TextInput label={t('fields.hiredOn')} type="date" {...form.getInputProps('hiredOn')} />
              <TextInput label={t('fields.retiredOn')} type="date" {...form.getInputProps('retiredOn')} />
              <NativeSelect
                label={t('fields.weeklyDays')}
                data={['1', '2', '3', '4', '5', '6', '7'].map((value) => ({
                  value,
                  label: t('staff.weeklyDaysOption', { days: value }),
                }))}
                {...form.getInputProps('weeklyDays')}
              />
              <TextInput
                label={t('fields.weeklyHours')}
                description={t('staff.weeklyHoursHint')}
                inputMode="decimal"
                {...form.getInputProps('weeklyHours')}
              />
              <NativeSelect
                label={t('fields.leaveGrantMode')}
                description={t('staff.leaveGrantModeHint')}
                data={[
                  { value: 'statutory', label: t('staff.leaveGrantModes.statutory') },
                  { value: 'manual', label: t('staff.leaveGrantModes.manual') },
                ]}
                {...form.getInputProps('leaveGrantMode')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('staff.section.login')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('fields.usage')}
                data={[
                  { value: 'active', label: t('usage.active') },
                  { value: 'inactive', label: t('usage.inactive') },
                ]}
                {...form.getInputProps('usage')}
              />
              <NativeSelect
                label={t('fields.loginStatus')}
                description={isAdmin ? t('staff.loginStatusHint') : t('staff.adminOnly')}
                disabled={!isAdmin}
                data={[
                  { value: 'allowed', label: t('staffStatus.allowed') },
                  { value: 'stopped', label: t('staffStatus.stopped') },
                ]}
                {...form.getInputProps('loginStatus')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('fields.role')}>
            <Checkbox
              label={t('fields.isAdmin')}
              description={t('staff.isAdminHint')}
              disabled={!isAdmin}
              {...form.getInputProps('isAdmin', { type: 'checkbox' })}
            />
          </Fieldset>

          <Fieldset legend={t('fields.offices')}>
            <Text size="sm" mb="xs">
              {t('staff.officesHint')}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('staff.officeColumn')}</Table.Th>
                    {RIGHT_NAMES.map((name) => (
                      <Table.Th scope="col" key={name}>
                        {rightLabel(name)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {offices.map((office) => {
                    const key = String(office.id);
                    const row = form.values.offices[key];
                    if (!row) return null;
                    return (
                      <Table.Tr key={office.id}>
                        <Table.Td>
                          <Checkbox
                            label={office.name}
                            disabled={!canPlaceIn(office.id) || (!!staff && !isAdmin)}
                            {...form.getInputProps(`offices.${key}.member`, { type: 'checkbox' })}
                            onChange={(event) => {
                              const member = event.currentTarget.checked;
                              // Leaving an office drops the rights held in it.
                              form.setFieldValue(`offices.${key}`, {
                                ...row,
                                member,
                                ...(member
                                  ? {}
                                  : {
                                      shiftPlan: 'none',
                                      attendance: 'none',
                                      officeManage: 'none',
                                      staffManage: 'none',
                                    }),
                              } as OfficeRow);
                            }}
                          />
                        </Table.Td>
                        {RIGHT_NAMES.map((name) => (
                          <Table.Td key={name}>
                            <NativeSelect
                              size="xs"
                              aria-label={`${office.name} ${rightLabel(name)}`}
                              disabled={!isAdmin}
                              data={RIGHTS.map((value) => ({ value, label: t(`rightLevels.${value}`) }))}
                              {...form.getInputProps(`offices.${key}.${name}`)}
                              onChange={(event) => {
                                const value = event.currentTarget.value as Right;
                                // A right in an office makes the person a member of it.
                                form.setFieldValue(`offices.${key}`, {
                                  ...row,
                                  [name]: value,
                                  member: row.member || value !== 'none',
                                });
                              }}
                            />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {form.errors.offices ? (
              <Text c="red.9" size="sm" role="alert" mt="xs">
                {form.errors.offices}
              </Text>
            ) : null}
          </Fieldset>

          <Group justify="space-between">
            <Group>
              <Button type="submit" loading={save.isPending && !retireOpen}>
                {staff ? t('common.save') : t('common.register')}
              </Button>
              <Button variant="default" onClick={() => navigate('/admin/staff')}>
                {t('common.backToList')}
              </Button>
            </Group>
            {staff && staff.usage === 'active' ? (
              <Button variant="outline" color="red.9" onClick={() => setRetireOpen(true)}>
                {t('staff.retire')}
              </Button>
            ) : null}
          </Group>
          {staff ? <Text size="sm">{t('staff.noDelete')}</Text> : null}
        </Stack>
      </form>

      <ConfirmModal
        opened={retireOpen}
        onCancel={() => {
          setRetireOpen(false);
          save.reset();
        }}
        onConfirm={retire}
        loading={save.isPending}
        error={retireOpen ? save.error : null}
        confirmColor="red.9"
      >
        <Text>
          {t('staff.confirmRetire', {
            name: staff?.name ?? '',
            date: formatDate(form.values.retiredOn || todayIso()),
          })}
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}
