import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { TerminalScreen } from '../punching/TerminalScreen.tsx';
import { BOARD_KEY, forgetBoard, useTerminalBoard } from '../punching/useTerminalBoard.ts';
import { ApiError, isApiError } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { toHalfWidthDigits } from '../shared/digits.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { LanguageSwitch } from '../shared/LanguageSwitch.tsx';
import { Loading } from '../shared/Loading.tsx';
import { PasswordField } from '../shared/PasswordField.tsx';
import { usePageTitle } from '../shared/usePageTitle.ts';

const PIN_PATTERN = /^\d{4}$/;

/**
 * Web出退勤画面 `/clock/<契約ID>/<officeId>` (product.md §2.3): a device that already holds this
 * office's terminal token goes straight to the terminal screen; any other asks the contract's
 * 出退勤画面用PINコード, and the right one keeps the device a terminal of the office until ログアウト.
 */
export function ClockPage() {
  const { contractId = '', officeId = '' } = useParams();
  const queryClient = useQueryClient();
  const board = useTerminalBoard();
  const data = board.data;
  // A 401 (logged out, or the token revoked) ends the terminal even while the last board is held.
  const revoked = board.isError && isApiError(board.error) && board.error.status === 401;
  const matches =
    !revoked && !!data && data.board.contract.id === contractId && String(data.board.office.id) === officeId;

  if (board.isPending) return <Loading />;
  if (matches) {
    return (
      <TerminalScreen
        board={data.board}
        offsetMs={data.offsetMs}
        cached={data.cached}
        onLogout={async () => {
          await call(routes.punching.terminalLogout, {}).catch((error: unknown) => {
            // A token already revoked is logged out all the same.
            if (!(isApiError(error) && error.status === 401)) throw error;
          });
          await forgetBoard(queryClient);
        }}
      />
    );
  }
  const unreachable = board.isError && isApiError(board.error) && board.error.status === 0;
  return (
    <PinForm
      contractId={contractId}
      officeId={officeId}
      unreachableError={unreachable ? board.error : null}
      onOpened={() => queryClient.fetchQuery({ queryKey: BOARD_KEY, staleTime: 0 })}
    />
  );
}

/**
 * The server's message; a 429 whose message names no wait (the day's PIN limit) gets the
 * Retry-After, in seconds, minutes or hours as fits.
 */
function withWait(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): unknown {
  if (!(error instanceof ApiError) || error.status !== 429 || error.retryAfter === null) return error;
  if (/\d/.test(error.message)) return error;
  const seconds = error.retryAfter;
  const wait =
    seconds < 120
      ? t('punch.clock.waitSeconds', { count: seconds })
      : seconds < 7200
        ? t('punch.clock.waitMinutes', { count: Math.ceil(seconds / 60) })
        : t('punch.clock.waitHours', { count: Math.ceil(seconds / 3600) });
  return new Error(`${error.message} ${t('punch.clock.retryAfter', { wait })}`);
}

function PinForm({
  contractId,
  officeId,
  unreachableError,
  onOpened,
}: {
  contractId: string;
  officeId: string;
  unreachableError: unknown;
  onOpened: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  usePageTitle(t('clock.title'));
  const [pin, setPin] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const auth = useMutation({
    mutationFn: async (value: string) => {
      await call(routes.punching.clockAuth, { body: { contractId, officeId: Number(officeId), pin: value } });
      await onOpened();
    },
    onError: () => setPin(''),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!PIN_PATTERN.test(pin)) {
      setFieldError(t('punch.clock.pinInvalid'));
      return;
    }
    setFieldError(null);
    auth.mutate(pin);
  };

  return (
    <Container size={520} py="xl">
      <main>
        <Stack gap="lg">
          <Stack gap={4}>
            <Text size="md" fw={700} c="teal.9">
              {t('app.name')}
            </Text>
            <Title order={1} size="h2">
              {t('clock.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('punch.clock.officeLabel', { contractId, officeId })}
            </Text>
          </Stack>
          <LanguageSwitch size="sm" />
          <Paper withBorder p="xl">
            <form noValidate onSubmit={submit}>
              <Stack gap="lg">
                <Text size="lg">{t('punch.clock.lead')}</Text>
                <ErrorAlert error={auth.error ? withWait(auth.error, t) : unreachableError} />
                <PasswordField
                  label={t('clock.pin')}
                  name="pin"
                  value={pin}
                  onChange={(event) => {
                    setPin(toHalfWidthDigits(event.currentTarget.value).replace(/\D/g, '').slice(0, 4));
                    setFieldError(null);
                  }}
                  error={fieldError}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  maxLength={4}
                  autoComplete="off"
                  size="xl"
                  autoFocus
                />
                <Button type="submit" size="xl" h={64} loading={auth.isPending}>
                  {t('clock.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </main>
    </Container>
  );
}
