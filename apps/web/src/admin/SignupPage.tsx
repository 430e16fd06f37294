import { Alert, Anchor, Button, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, type Plan } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { applyServerFieldErrors, EMAIL_PATTERN } from '../shared/formErrors.ts';
import { PublicPage } from '../shared/PublicPage.tsx';

const CONTRACT_ID_PATTERN = /^[a-z0-9-]{3,20}$/;
const PLANS: Plan[] = ['standard', 'premium', 'premium_plus', 'enterprise'];
// Addresses of these providers say nothing about the company.
const FREE_MAIL = new Set([
  'gmail',
  'googlemail',
  'yahoo',
  'outlook',
  'hotmail',
  'icloud',
  'me',
  'live',
  'aol',
  'docomo',
  'ezweb',
  'softbank',
  'au',
  'nifty',
  'example',
]);

/** A 契約ID suggestion: the company name when it is ASCII, else the first label of the e-mail's domain. */
export function suggestContractId(companyName: string, email: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 20)
      .replace(/-+$/, '');
  const company = companyName
    .trim()
    .replace(/\b(inc|co|ltd|llc|corp|corporation|company|kk|k\.k)\b\.?/gi, ' ');
  if (company.trim() && /^[\x20-\x7e]+$/.test(company)) {
    const id = slug(company);
    if (id.length >= 3) return id;
  }
  const label = email.trim().toLowerCase().split('@')[1]?.split('.')[0] ?? '';
  if (label && !FREE_MAIL.has(label)) {
    const id = slug(label);
    if (id.length >= 3) return id;
  }
  return '';
}

interface Values {
  companyName: string;
  contractId: string;
  adminName: string;
  email: string;
  plan: Plan;
}
const FIELDS = ['companyName', 'contractId', 'adminName', 'email', 'plan'] as const;

/** 新規登録: a new contract, its first office (本店) and its administrator, confirmed by a 認証メール. */
export function SignupPage() {
  const { t } = useTranslation();
  const [contractIdEdited, setContractIdEdited] = useState(false);
  const [sentTo, setSentTo] = useState<{ email: string; message: string } | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { companyName: '', contractId: '', adminName: '', email: '', plan: 'standard' },
    validate: {
      companyName: (value) =>
        !value.trim()
          ? t('validation.companyRequired')
          : value.length > 100
            ? t('validation.max', { max: 100 })
            : null,
      contractId: (value) => (!CONTRACT_ID_PATTERN.test(value) ? t('validation.contractId') : null),
      adminName: (value) =>
        !value.trim()
          ? t('validation.nameRequired')
          : value.length > 100
            ? t('validation.max', { max: 100 })
            : null,
      email: (value) =>
        !value.trim()
          ? t('validation.emailRequired')
          : !EMAIL_PATTERN.test(value.trim())
            ? t('validation.email')
            : null,
    },
  });
  // Until the person types a 契約ID, it follows the company name and e-mail.
  const suggestion = suggestContractId(form.values.companyName, form.values.email);
  const lastSuggestion = useRef('');
  if (!contractIdEdited && suggestion !== lastSuggestion.current) {
    lastSuggestion.current = suggestion;
    if (form.values.contractId !== suggestion) form.setFieldValue('contractId', suggestion);
  }
  const [contractId] = useDebouncedValue(form.values.contractId, 350);
  const idWellFormed = CONTRACT_ID_PATTERN.test(contractId);
  const availability = useQuery({
    queryKey: ['signup', 'contract-id', contractId],
    queryFn: ({ signal }) =>
      call(routes.signup.contractIdAvailable, { query: { id: contractId } }, { signal }).then(
        (answer) => answer.available,
      ),
    enabled: idWellFormed,
    retry: false,
  });
  const signup = useMutation({
    mutationFn: (values: Values) =>
      call(routes.signup.signup, {
        body: {
          companyName: values.companyName.trim(),
          contractId: values.contractId,
          adminName: values.adminName.trim(),
          email: values.email.trim(),
          plan: values.plan,
        },
      }),
    onSuccess: (answer, values) => setSentTo({ email: values.email.trim(), message: answer?.message ?? '' }),
    onError: (error) => {
      applyServerFieldErrors(form.setErrors, error, FIELDS, { adminEmail: 'email', name: 'companyName' });
      if (isApiError(error) && error.code === 'contract_id_taken')
        form.setFieldError('contractId', error.message);
    },
  });

  if (sentTo) {
    return (
      <PublicPage title={t('signup.sentTitle')}>
        <Stack>
          <Alert color="teal" role="alert">
            {t('signup.sent', { email: sentTo.email })}
          </Alert>
          {sentTo.message ? <Text>{sentTo.message}</Text> : null}
          <Text size="sm">{t('signup.sentHint')}</Text>
          <Anchor component={Link} to="/admin/login">
            {t('common.toLogin')}
          </Anchor>
        </Stack>
      </PublicPage>
    );
  }

  const typed = form.values.contractId;
  const current = typed === contractId && idWellFormed;
  let idStatus: React.ReactNode = t('signup.contractIdHint');
  if (current && availability.data === true) {
    idStatus = (
      <Text component="span" size="xs" c="teal.9" fw={700} role="status">
        {t('signup.contractIdAvailable')}
      </Text>
    );
  }
  const idError =
    form.errors.contractId ??
    (current && availability.data === false
      ? t('signup.contractIdTaken')
      : current && isApiError(availability.error)
        ? availability.error.message
        : null);

  return (
    <PublicPage title={t('signup.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          if (values.contractId === contractId && availability.data === false) {
            form.setFieldError('contractId', t('signup.contractIdTaken'));
            return;
          }
          signup.mutate(values);
        })}
      >
        <Stack>
          <Text size="sm">{t('signup.lead')}</Text>
          <ErrorAlert error={signup.error} />
          <TextInput
            label={t('signup.companyName')}
            autoComplete="organization"
            autoFocus
            {...form.getInputProps('companyName')}
          />
          <TextInput
            label={t('signup.contractId')}
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('contractId')}
            onChange={(event) => {
              setContractIdEdited(true);
              form.setFieldValue('contractId', event.currentTarget.value.trim().toLowerCase());
            }}
            description={idStatus}
            error={idError}
          />
          <TextInput label={t('signup.adminName')} autoComplete="name" {...form.getInputProps('adminName')} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            {...form.getInputProps('email')}
          />
          <NativeSelect
            label={t('signup.plan')}
            data={PLANS.map((plan) => ({ value: plan, label: t(`plans.${plan}`) }))}
            {...form.getInputProps('plan')}
          />
          <Button type="submit" loading={signup.isPending}>
            {t('common.register')}
          </Button>
          <Anchor component={Link} to="/admin/login" size="sm">
            {t('signup.haveAccount')}
          </Anchor>
        </Stack>
      </form>
    </PublicPage>
  );
}
