import { Alert, type AlertProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';

/**
 * An error announced to screen readers (role="alert") whose text is exactly the server's message:
 * tests and users read 「アカウントを認証できませんでした。」 with nothing around it.
 */
export function ErrorAlert({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children'>) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" {...props}>
      {errorMessage(error)}
    </Alert>
  );
}

/** A success or information notice, announced politely. */
export function NoticeAlert({
  children,
  onClose,
  ...props
}: { children: React.ReactNode; onClose?: () => void } & Omit<AlertProps, 'children'>) {
  const { t } = useTranslation();
  if (!children) return null;
  return (
    <Alert
      color="teal"
      variant="light"
      role="alert"
      withCloseButton={!!onClose}
      onClose={onClose}
      closeButtonLabel={t('common.close')}
      {...props}
    >
      {children}
    </Alert>
  );
}
