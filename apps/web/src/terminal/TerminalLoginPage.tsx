import { Anchor, Button, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { APP_ME_KEY, errorMessage, rememberCsrfToken, useAppMe } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { Loading } from '../shared/Loading.tsx';
import { loginError } from '../shared/loginError.ts';
import { PasswordField } from '../shared/PasswordField.tsx';
import { rememberOffice, selectedOffice } from './appSession.ts';
import { TerminalFrame } from './TerminalFrame.tsx';

/**
 * タイムカード・アプリ login: ユーザーID (the login e-mail, or アカウントID) and パスワード. Failures open
 * the seed's dialog titled エラー with the server's message and an OK button.
 */
export function TerminalLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useAppMe();
  const userIdRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { userId: '', password: '' },
    validate: {
      userId: (value) => (value.trim() ? null : t('validation.userIdRequired')),
      password: (value) => (value ? null : t('validation.passwordRequired')),
    },
  });
  const login = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(routes.app.login, { body: { userId: values.userId.trim(), password: values.password } }),
    onSuccess: (answer) => {
      rememberCsrfToken('app', answer.csrfToken);
      // A new login chooses its office again.
      if (!answer.selected) rememberOffice(null);
      queryClient.setQueryData(APP_ME_KEY, answer);
      navigate(answer.selected ? '/app/terminal' : '/app/offices', { replace: true });
    },
    onError: () => form.setFieldValue('password', ''),
  });

  if (me.isPending) return <Loading />;
  if (me.data && !login.isPending) {
    return <Navigate to={selectedOffice(me.data) ? '/app/terminal' : '/app/offices'} replace />;
  }

  const closeError = () => {
    login.reset();
    requestAnimationFrame(() => userIdRef.current?.focus());
  };

  return (
    <TerminalFrame title={t('terminal.login.title')} size={520}>
      <Paper withBorder p="xl">
        <form noValidate onSubmit={form.onSubmit((values) => login.mutate(values))}>
          <Stack gap="lg">
            <TextInput
              ref={userIdRef}
              label={t('terminal.login.userId')}
              description={t('terminal.login.userIdHint')}
              autoComplete="username"
              size="lg"
              autoFocus
              {...form.getInputProps('userId')}
            />
            <PasswordField
              label={t('terminal.login.password')}
              autoComplete="current-password"
              size="lg"
              {...form.getInputProps('password')}
            />
            <Button type="submit" size="xl" loading={login.isPending}>
              {t('terminal.login.submit')}
            </Button>
            <Anchor component={Link} to="/admin/password-reset" size="lg">
              {t('admin.login.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Paper>

      <Modal
        opened={login.isError}
        onClose={closeError}
        title={t('terminal.error.title')}
        centered
        withCloseButton={false}
        size="md"
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-xl)' } }}
      >
        <Stack>
          <Text size="lg">
            {errorMessage(loginError(login.error, (seconds) => t('errors.retryAfter', { seconds })))}
          </Text>
          <Button size="lg" onClick={closeError} data-autofocus>
            {t('common.ok')}
          </Button>
        </Stack>
      </Modal>
    </TerminalFrame>
  );
}
