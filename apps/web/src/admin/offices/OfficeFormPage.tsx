import { Alert, Box, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type Office, type OfficeInput, permissionsOf } from '../../shared/api.ts';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { applyServerFieldErrors, KANA_PATTERN } from '../../shared/formErrors.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { PasscodeWarning } from '../PasscodeWarning.tsx';
import { TerminalList } from '../settings/TerminalList.tsx';
import { PunchEvidenceSettings } from './PunchEvidenceSettings.tsx';

interface Values {
  name: string;
  shortName: string;
  kana: string;
  address: string;
  passcodeRequired: 'on' | 'off';
}
const FIELDS = ['name', 'shortName', 'kana', 'address', 'passcodeRequired'] as const;

function valuesOf(office: Office | undefined): Values {
  return {
    name: office?.name ?? '',
    shortName: office?.shortName ?? '',
    kana: office?.kana ?? '',
    address: office?.address ?? '',
    passcodeRequired: office?.passcodeRequired ? 'on' : 'off',
  };
}

/** `/admin/offices/new` (登録) and `/admin/offices/:id` (保存). */
export function OfficeFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const isNew = id === undefined || id === 'new';
  const office = useQuery({
    queryKey: ['offices', 'one', id],
    queryFn: ({ signal }) => call(routes.offices.get, { params: { id: Number(id) } }, { signal }),
    enabled: !isNew,
  });
  const title = isNew ? t('offices.newTitle') : t('offices.editTitle');
  if (!isNew && (office.isPending || office.isError)) {
    return (
      <AdminPage title={title}>
        {office.isError ? <ErrorAlert error={office.error} /> : <Loading />}
      </AdminPage>
    );
  }
  return <OfficeForm key={id ?? 'new'} title={title} office={isNew ? undefined : office.data} />;
}

function OfficeForm({ title, office }: { title: string; office: Office | undefined }) {
  const { t } = useTranslation();
  const permissions = permissionsOf(useAdminSession());
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [unshown, setUnshown] = useState<string[]>([]);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(office),
    validate: {
      name: (value) =>
        !value.trim()
          ? t('validation.officeNameRequired')
          : value.length > 100
            ? t('validation.max', { max: 100 })
            : null,
      shortName: (value) => (value.length > 20 ? t('validation.max', { max: 20 }) : null),
      kana: (value) =>
        value && !KANA_PATTERN.test(value)
          ? t('validation.kana')
          : value.length > 100
            ? t('validation.max', { max: 100 })
            : null,
      address: (value) => (value.length > 200 ? t('validation.max', { max: 200 }) : null),
    },
  });
  const save = useMutation({
    mutationFn: (body: OfficeInput & { name: string }) =>
      office
        ? call(routes.offices.update, { params: { id: office.id }, body })
        : call(routes.offices.create, { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['offices'] });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'passcode-warnings'] });
      if (!office) {
        navigate('/admin/offices', { state: { notice: t('offices.created', { name: saved.name }) } });
        return;
      }
      const next = valuesOf(saved);
      form.setValues(next);
      form.resetDirty(next);
      setNotice(t('common.saved'));
    },
    onError: (error) => setUnshown(applyServerFieldErrors(form.setErrors, error, FIELDS)),
  });
  const submit = form.onSubmit((values) => {
    setNotice(null);
    setUnshown([]);
    save.mutate({
      name: values.name.trim(),
      shortName: values.shortName.trim(),
      kana: values.kana.trim(),
      address: values.address.trim(),
      passcodeRequired: values.passcodeRequired === 'on',
    });
  });

  return (
    <AdminPage title={title}>
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      {office ? <PasscodeWarning officeId={office.id} /> : null}
      <form noValidate onSubmit={submit}>
        <Stack maw={720}>
          <ErrorAlert error={save.error} />
          {unshown.length > 0 ? (
            <Alert color="red" role="alert">
              {unshown.join(' ')}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.officeName')} autoComplete="off" {...form.getInputProps('name')} />
            <TextInput
              label={t('fields.shortName')}
              description={t('offices.shortNameHint')}
              autoComplete="off"
              {...form.getInputProps('shortName')}
            />
            <TextInput
              label={t('fields.kana')}
              description={t('staff.kanaHint')}
              autoComplete="off"
              {...form.getInputProps('kana')}
            />
            <NativeSelect
              label={t('fields.passcodeRequired')}
              description={t('offices.passcodeHint')}
              data={[
                { value: 'on', label: t('passcodeSetting.on') },
                { value: 'off', label: t('passcodeSetting.off') },
              ]}
              {...form.getInputProps('passcodeRequired')}
            />
          </SimpleGrid>
          <TextInput label={t('fields.address')} autoComplete="off" {...form.getInputProps('address')} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {office ? t('common.save') : t('common.register')}
            </Button>
            <Button variant="default" onClick={() => navigate('/admin/offices')}>
              {t('common.backToList')}
            </Button>
          </Group>
        </Stack>
      </form>
      {office?.punchEvidence ? (
        <Box maw={900} mt="xl">
          <PunchEvidenceSettings
            officeId={office.id}
            evidence={office.punchEvidence}
            canEdit={permissions.canEditOffice(office.id)}
          />
        </Box>
      ) : null}
      {office && permissions.canEditOffice(office.id) ? (
        <Box maw={1100} mt="xl">
          <TerminalList officeId={office.id} />
        </Box>
      ) : null}
    </AdminPage>
  );
}
