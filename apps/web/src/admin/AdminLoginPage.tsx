import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ME_KEY, type Me, rememberCsrfToken } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { loginError } from '../shared/loginError.ts';
import { PasswordField } from '../shared/PasswordField.tsx';
import { PublicPage } from '../shared/PublicPage.tsx';

/** Where a logged-in session lands: the contract choice, or the page asked for, or the console's home. */
export function landingPath(me: Me, next?: string | null): string {
  if (!me.contract) return '/admin/select-contract';
  if (next?.startsWith('/admin/') && !next.startsWith('/admin/login')) return next;
  return '/admin';
}

/** 管理画面 login (seed: メールアドレス / パスワード → 【ログイン】; the e-mail field takes an アカウントID too). */
export function AdminLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { login: '', password: '' },
    validate: {
      login: (value) => (value.trim() ? null : t('validation.loginRequired')),
      password: (value) => (value ? null : t('validation.passwordRequired')),
    },
  });
  const login = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(routes.auth.login, { body: { login: values.login.trim(), password: values.password } }),
    onSuccess: (me) => {
      rememberCsrfToken('admin', me.csrfToken);
      queryClient.setQueryData(ME_KEY, me);
      navigate(landingPath(me, params.get('next')), { replace: true });
    },
    onError: () => {
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    },
  });

  return (
    <PublicPage title={t('admin.login.title')}>
      <form noValidate onSubmit={form.onSubmit((values) => login.mutate(values))}>
        <Stack>
          <ErrorAlert error={loginError(login.error, (seconds) => t('errors.retryAfter', { seconds }))} />
          <TextInput
            label={t('admin.login.email')}
            description={t('admin.login.emailHint')}
            autoComplete="username"
            autoFocus
            {...form.getInputProps('login')}
          />
          <PasswordField
            ref={passwordRef}
            label={t('admin.login.password')}
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending}>
            {t('admin.login.submit')}
          </Button>
          <Group justify="space-between">
            <Anchor component={Link} to="/admin/password-reset" size="sm">
              {t('admin.login.forgot')}
            </Anchor>
            <Anchor component={Link} to="/signup" size="sm">
              {t('admin.login.signup')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </PublicPage>
  );
}
