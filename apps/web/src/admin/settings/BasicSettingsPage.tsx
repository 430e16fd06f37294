import { Button, Group, Paper, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { halfWidthDigitProps } from '../../shared/digits.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { PhotoRetentionForm } from './PhotoRetentionForm.tsx';
import { TERMINALS_KEY, type TerminalItem, TerminalList } from './TerminalList.tsx';

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
          <Stack gap="xl">
            <PunchSettingsForm />
            <PhotoRetentionForm />
            <TerminalList />
          </Stack>
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
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
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
    onError: (error) => showFieldError(error),
  });

  // 【PINコードを変更して全端末を解除】: the PIN typed above, and every PIN terminal ends (issue 12 §4).
  const reset = useMutation({
    mutationFn: (clockPin: string) =>
      api<PunchSettings & { revokedTerminals: number }>('/settings/punch/revoke-terminals', {
        method: 'POST',
        body: { clockPin },
      }),
    onSuccess: (answer) => {
      queryClient.setQueryData(SETTINGS_KEY, { clockPin: answer.clockPin });
      void queryClient.invalidateQueries({ queryKey: TERMINALS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      setConfirmReset(false);
      setNotice(t('terminals.resetPinDone', { count: answer.revokedTerminals }));
    },
    onError: (error) => {
      if (showFieldError(error)) setConfirmReset(false);
    },
  });
  const pinTerminals =
    queryClient
      .getQueryData<{ items: TerminalItem[] }>([...TERMINALS_KEY, 'all'])
      ?.items.filter((item) => item.openedWith === 'pin').length ?? 0;

  function showFieldError(error: unknown): boolean {
    if (!isApiError(error)) return false;
    const field = error.fields.clockPin;
    if (!field && error.code !== 'clock_pin_invalid') return false;
    setFieldError(field?.message ?? error.message);
    return true;
  }

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;

  // 4 digits exactly: 12345 is refused at the field, never cut to 1234 (issue 11 §5).
  const pinIsValid = () => {
    if (PIN_PATTERN.test(pin)) return true;
    setFieldError(t('punch.clock.pinInvalid'));
    return false;
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setNotice(null);
    save.reset();
    if (!pinIsValid()) return;
    setFieldError(null);
    save.mutate(pin);
  };

  const askReset = () => {
    setSaved(false);
    setNotice(null);
    reset.reset();
    if (!pinIsValid()) return;
    setFieldError(null);
    setConfirmReset(true);
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
          <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
          <ErrorAlert error={otherError} />
          <TextInput
            label={t('clock.pin')}
            description={t('punch.settings.pinDescription')}
            {...halfWidthDigitProps({
              value: pin,
              onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
                setPin(event.currentTarget.value);
                setFieldError(null);
                setSaved(false);
              },
            })}
            error={fieldError}
            inputMode="numeric"
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
          <Stack gap={4}>
            <Text size="sm">{t('terminals.resetPinHint')}</Text>
            <Group>
              <Button color="red.9" variant="outline" onClick={askReset} loading={reset.isPending}>
                {t('terminals.resetPin')}
              </Button>
            </Group>
          </Stack>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirmReset}
        title={t('terminals.resetPinTitle')}
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => reset.mutate(pin)}
        loading={reset.isPending}
        error={reset.error && !fieldError ? reset.error : null}
        confirmColor="red.9"
      >
        <Text>{t('terminals.resetPinConfirm', { pin, count: pinTerminals })}</Text>
      </ConfirmModal>
    </Paper>
  );
}
