import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';

/**
 * A confirmation dialog (product.md §7: destructive or payroll-relevant actions confirm and say what
 * will happen) with the buttons キャンセル and OK.
 */
export function ConfirmModal({
  opened,
  title,
  children,
  onConfirm,
  onCancel,
  loading = false,
  error,
  confirmColor,
}: {
  opened: boolean;
  title?: string;
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  loading?: boolean;
  error?: unknown;
  confirmColor?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={title ?? t('common.confirm')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        {children}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={loading}>
            {t('common.cancel')}
          </Button>
          <Button onClick={onConfirm} loading={loading} color={confirmColor} data-autofocus>
            {t('common.ok')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
