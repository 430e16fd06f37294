import { Button, Group, Paper, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';

const SETTINGS_KEY = ['settings', 'punch'] as const;
const PIN_PATTERN = /^\d{4}$/;

interface PunchSettings {
  clockPin: string;
}

/**
 * 基本設定 > [打刻設定] (seed, product.md §3): the contract's 出退勤画面用PINコード — 4 digits, 0000
 * until changed, always on (there is no switch) — and 【設定を保存】. システム管理者 only (the server
 * answers 403 to anyone else, which the page then shows).
 */
export function BasicSettingsPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('punch.settings.title')}>
      <Tabs defaultValue="punch" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="punch" fz="md">
            {t('punch.settings.punchTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="punch" pt="md">
          <PunchSettingsForm />
        </Tabs.Panel>
      </Tabs>
    </AdminPage>
  );
}

function PunchSettingsForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api<PunchSettings>('/settings/punch', { signal }),
  });
  const [pin, setPin] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setPin(settings.data.clockPin);
  }, [settings.data]);

  const save = useMutation({
    mutationFn: (clockPin: string) =>
      api<PunchSettings>('/settings/punch', { method: 'PUT', body: { clockPin } }),
    onSuccess: (answer) => {
      queryClient.setQueryData(SETTINGS_KEY, answer);
      setSaved(true);
    },
    onError: (error) => {
      if (isApiError(error)) {
        const field = error.fields.clockPin;
        if (field || error.code === 'clock_pin_invalid') setFieldError(field?.message ?? error.message);
      }
    },
  });

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.reset();
    if (!PIN_PATTERN.test(pin)) {
      setFieldError(t('punch.clock.pinInvalid'));
      return;
    }
    setFieldError(null);
    save.mutate(pin);
  };

  // A field error is shown at the field; any other failure above the form.
  const otherError = save.error && !fieldError ? save.error : null;

  return (
    <Paper withBorder p="lg" maw={640}>
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <NoticeAlert onClose={() => setSaved(false)}>
            {saved ? t('punch.settings.saved') : null}
          </NoticeAlert>
          <ErrorAlert error={otherError} />
          <TextInput
            label={t('clock.pin')}
            description={t('punch.settings.pinDescription')}
            value={pin}
            onChange={(event) => {
              setPin(event.currentTarget.value);
              setFieldError(null);
              setSaved(false);
            }}
            error={fieldError}
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            spellCheck={false}
            styles={{
              input: { fontSize: 'var(--mantine-font-size-xl)', letterSpacing: '0.3em', maxWidth: 180 },
            }}
          />
          <Text size="sm">{t('punch.settings.pinHint')}</Text>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('punch.settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
