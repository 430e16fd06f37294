import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { applyServerFieldErrors } from '../shared/formErrors.ts';
import { Loading } from '../shared/Loading.tsx';
import { PasswordField } from '../shared/PasswordField.tsx';
import { PublicPage } from '../shared/PublicPage.tsx';
import { tokenStatusOfError, useTokenInfo } from './tokenQueries.ts';

/** The link of the パスワード再発行 mail: a new password, once, within the hour. */
export function PasswordResetPage() {
  const { token } = useParams();
  const { t } = useTranslation();
  const info = useTokenInfo(token);
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (value) => (value.length < 8 || value.length > 128 ? t('validation.password') : null),
      confirm: (value, values) => (value !== values.password ? t('validation.passwordMismatch') : null),
    },
  });
  const confirm = useMutation({
    mutationFn: (password: string) =>
      call(routes.auth.passwordResetConfirm, { body: { token: token ?? '', password } }),
    onError: (error) => applyServerFieldErrors(form.setErrors, error, ['password']),
  });

  const title = t('passwordReset.newTitle');
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
  const failed = tokenStatusOfError(confirm.error);
  const status =
    failed ?? (info.data.kind !== null && info.data.kind !== 'reset' ? 'invalid' : info.data.status);
  if (status !== 'valid') {
    return (
      <PublicPage title={title}>
        <Stack>
          <Alert color="red" role="alert">
            {t(`passwordReset.link.${status}`)}
          </Alert>
          <Text size="sm">{t('passwordReset.link.next')}</Text>
          <Anchor component={Link} to="/admin/password-reset">
            {t('passwordReset.link.again')}
          </Anchor>
        </Stack>
      </PublicPage>
    );
  }
  if (confirm.isSuccess) {
    return (
      <PublicPage title={title}>
        <Stack>
          <Alert color="teal" role="alert">
            {confirm.data?.message || t('passwordReset.changed')}
          </Alert>
          <Anchor component={Link} to="/admin/login">
            {t('common.toLogin')}
          </Anchor>
        </Stack>
      </PublicPage>
    );
  }
  return (
    <PublicPage title={title}>
      <form noValidate onSubmit={form.onSubmit((values) => confirm.mutate(values.password))}>
        <Stack>
          <Text size="sm">{t('passwordReset.forEmail', { email: info.data.email })}</Text>
          <ErrorAlert error={confirm.error} />
          <PasswordField
            label={t('passwordReset.newPassword')}
            description={t('passwordReset.passwordHint')}
            autoComplete="new-password"
            autoFocus
            {...form.getInputProps('password')}
          />
          <PasswordField
            label={t('passwordReset.newPasswordConfirm')}
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={confirm.isPending}>
            {t('passwordReset.change')}
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
