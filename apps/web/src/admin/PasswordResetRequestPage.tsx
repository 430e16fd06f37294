import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { EMAIL_PATTERN } from '../shared/formErrors.ts';
import { PublicPage } from '../shared/PublicPage.tsx';

/**
 * パスワード再発行: asks for the メールアドレス; the answer is the same whether it is registered or not
 * (the server's message), so nobody learns who has an account.
 */
export function PasswordResetRequestPage() {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: {
      email: (value) =>
        !value.trim()
          ? t('validation.emailRequired')
          : !EMAIL_PATTERN.test(value.trim())
            ? t('validation.email')
            : null,
    },
  });
  const request = useMutation({
    mutationFn: (email: string) => call(routes.auth.passwordReset, { body: { email } }),
  });
  return (
    <PublicPage title={t('passwordReset.title')}>
      {request.isSuccess ? (
        <Stack>
          <Alert color="teal" role="alert">
            {request.data?.message || t('passwordReset.sent')}
          </Alert>
          <Text size="sm">{t('passwordReset.sentHint')}</Text>
          <Anchor component={Link} to="/admin/login">
            {t('common.toLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form noValidate onSubmit={form.onSubmit((values) => request.mutate(values.email.trim()))}>
          <Stack>
            <Text size="sm">{t('passwordReset.lead')}</Text>
            <ErrorAlert error={request.error} />
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending}>
              {t('passwordReset.submit')}
            </Button>
            <Anchor component={Link} to="/admin/login" size="sm">
              {t('common.toLogin')}
            </Anchor>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
