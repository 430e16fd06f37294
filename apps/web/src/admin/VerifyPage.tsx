import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ME_KEY, rememberCsrfToken } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { applyServerFieldErrors } from '../shared/formErrors.ts';
import { InfoList } from '../shared/InfoList.tsx';
import { Loading } from '../shared/Loading.tsx';
import { PasswordField } from '../shared/PasswordField.tsx';
import { PublicPage } from '../shared/PublicPage.tsx';
import { landingPath } from './AdminLoginPage.tsx';
import { tokenStatusOfError, useTokenInfo } from './tokenQueries.ts';

/**
 * The link of the 認証メール: the person sets a password (and optionally an アカウントID) if the account
 * has none yet, and lands in the 管理画面 logged in. A used or expired link says what to do next.
 */
export function VerifyPage() {
  const { token } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const info = useTokenInfo(token);
  const needsPassword = info.data?.needsPassword === true;
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirm: '', loginId: '' },
    validate: {
      password: (value) =>
        needsPassword && (value.length < 8 || value.length > 128) ? t('validation.password') : null,
      confirm: (value, values) =>
        needsPassword && value !== values.password ? t('validation.passwordMismatch') : null,
      loginId: (value) => (value && !/^[A-Za-z0-9]{3,20}$/.test(value) ? t('validation.loginId') : null),
    },
  });
  const verify = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(routes.auth.verify, {
        body: {
          token: token ?? '',
          ...(needsPassword ? { password: values.password } : {}),
          ...(needsPassword && values.loginId.trim() ? { loginId: values.loginId.trim() } : {}),
        },
      }),
    onSuccess: (me) => {
      rememberCsrfToken('admin', me.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'app-me' });
      queryClient.setQueryData(ME_KEY, me);
      navigate(landingPath(me), { replace: true });
    },
    onError: (error) => applyServerFieldErrors(form.setErrors, error, ['password', 'loginId']),
  });

  const title = t('verify.title');
  if (info.isPending) {
    return (
      <PublicPage title={title}>
        <Loading />
      </PublicPage>
    );
  }
  if (info.isError) {
    return (
      <PublicPage title={title}>
        <ErrorAlert error={info.error} />
      </PublicPage>
    );
  }
  const failed = tokenStatusOfError(verify.error);
  const status =
    failed ?? (info.data.kind !== null && info.data.kind !== 'verify' ? 'invalid' : info.data.status);
  if (status !== 'valid') {
    return (
      <PublicPage title={title}>
        <Stack>
          <Alert color="red" role="alert">
            {t(`verify.link.${status}`)}
          </Alert>
          <Text>{t('verify.link.next')}</Text>
          {status === 'used' ? <Text size="sm">{t('verify.link.usedHint')}</Text> : null}
          <Anchor component={Link} to="/admin/login">
            {t('common.toLogin')}
          </Anchor>
        </Stack>
      </PublicPage>
    );
  }
  return (
    <PublicPage title={title}>
      <form noValidate onSubmit={form.onSubmit((values) => verify.mutate(values))}>
        <Stack>
          <Text size="sm">{needsPassword ? t('verify.leadPassword') : t('verify.leadJoin')}</Text>
          <InfoList items={[{ label: t('fields.email'), value: info.data.email }]} />
          <ErrorAlert error={verify.error} />
          {needsPassword ? (
            <>
              <PasswordField
                label={t('fields.password')}
                description={t('passwordReset.passwordHint')}
                autoComplete="new-password"
                autoFocus
                {...form.getInputProps('password')}
              />
              <PasswordField
                label={t('fields.passwordConfirm')}
                autoComplete="new-password"
                {...form.getInputProps('confirm')}
              />
              <TextInput
                label={t('fields.loginId')}
                description={t('verify.loginIdHint')}
                autoComplete="username"
                {...form.getInputProps('loginId')}
              />
            </>
          ) : null}
          <Button type="submit" loading={verify.isPending}>
            {t('verify.submit')}
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
