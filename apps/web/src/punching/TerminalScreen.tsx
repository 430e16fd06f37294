import {
  Alert,
  Badge,
  Box,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, isApiError } from '../shared/api.ts';
import { ConfirmModal } from '../shared/ConfirmModal.tsx';
import { toHalfWidthDigits } from '../shared/digits.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { PasswordField } from '../shared/PasswordField.tsx';
import { usePageTitle } from '../shared/usePageTitle.ts';
import { CameraPreview } from './CameraPreview.tsx';
import { postTerminalPunch } from './punch-api.ts';
import {
  type Board,
  newPunchKey,
  offsetMinutesOf,
  PUNCH_COLORS,
  type PunchResult,
  type PunchType,
  STATE_COLORS,
  wallClockAt,
  wallTimeOf,
} from './punch-model.ts';
import { applyPending, type StaffWithPending } from './punch-queue.ts';
import { StateBadge } from './StateBadge.tsx';
import { useCamera } from './useCamera.ts';
import { usePunchQueue } from './usePunchQueue.ts';
import { applyPunchResult, BOARD_KEY } from './useTerminalBoard.ts';

/** Seconds the result stays before the list comes back. */
const RESULT_SECONDS = 6;

type Step =
  | { kind: 'list' }
  | { kind: 'actions'; staffId: number; passcodeError?: string }
  | { kind: 'confirm'; staffId: number; type: PunchType; key: string; passcode?: string }
  | { kind: 'result'; staffId: number; type: PunchType; time: string; queued: boolean };

/** Ticks every second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** navigator.onLine, kept current. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * The punch terminal (product.md §2, §7), shared by the Web出退勤画面 and the タイムカード・アプリ: the
 * time large at the top, the office always visible, the office's people as large buttons with their
 * state → the person's パスコード when the office asks for it → only the buttons valid now → OK →
 * the result with the server time → back to the list. A punch that cannot reach the server waits in
 * the device's queue (IndexedDB) and is sent, in order and exactly once, when the network returns.
 */
export function TerminalScreen({
  board,
  offsetMs,
  cached,
  headerActions,
  onLogout,
}: {
  board: Board;
  offsetMs: number;
  /** The board is the last one saved: the server is not reachable now. */
  cached: boolean;
  headerActions?: ReactNode;
  /** Web出退勤画面: 【ログアウト】 ends this device's terminal (asks first when punches wait). */
  onLogout?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmLogout, setConfirmLogout] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState<unknown>(null);
  usePageTitle(board.office.name);
  const online = useOnline();
  const scope = `${board.contract.id}/${board.office.id}`;
  const onSent = useCallback((result: PunchResult) => applyPunchResult(queryClient, result), [queryClient]);
  const queue = usePunchQueue(scope, onSent);
  const staff = applyPending(board.staff, queue.entries);
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const lastStaffId = useRef<number | null>(null);
  const zoneOffset = offsetMinutesOf(board.serverTime);

  const toList = useCallback(() => setStep({ kind: 'list' }), []);
  const person = step.kind === 'list' ? undefined : staff.find((p) => p.id === step.staffId);
  // 写真 (issue 20): the preview opens once the name is tapped, when a punch offered asks for one.
  const photoModes = board.office.photo;
  const photoTypes =
    step.kind === 'actions' && person ? person.allowed : step.kind === 'confirm' ? [step.type] : [];
  const photoWanted = photoTypes.some((type) => (photoModes?.[type] ?? 'off') !== 'off');
  const photoRequired = photoTypes.some((type) => photoModes?.[type] === 'required');
  const camera = useCamera(photoWanted);

  // Back on the list, the keyboard continues from the person just served.
  useEffect(() => {
    if (step.kind !== 'list' || lastStaffId.current === null) return;
    document.getElementById(`terminal-staff-${lastStaffId.current}`)?.focus();
  }, [step.kind]);

  const offline = !online || cached;
  const logout = async () => {
    if (!onLogout) return;
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await onLogout();
    } catch (error) {
      setLogoutError(error);
      setLoggingOut(false);
    }
  };

  return (
    <Box mih="100vh" bg="gray.0">
      <TerminalHeader
        board={board}
        offsetMs={offsetMs}
        zoneOffset={zoneOffset}
        actions={
          <>
            {headerActions}
            {onLogout ? (
              <Button
                size="lg"
                h={64}
                variant="white"
                color="teal.9"
                loading={loggingOut}
                onClick={() => (queue.entries.length > 0 ? setConfirmLogout(true) : void logout())}
              >
                {t('punch.terminal.logout')}
              </Button>
            ) : null}
          </>
        }
      />
      <ConfirmModal
        opened={confirmLogout}
        title={t('punch.terminal.confirmLogoutTitle')}
        onCancel={() => setConfirmLogout(false)}
        onConfirm={() => void logout()}
        loading={loggingOut}
        confirmColor="red.9"
      >
        <Text size="lg">{t('punch.terminal.confirmLogout', { count: queue.entries.length })}</Text>
      </ConfirmModal>
      <Container size="xl" py="lg" px={{ base: 'sm', sm: 'lg' }} component="main">
        <Stack gap="md">
          <ErrorAlert error={logoutError} />
          {offline ? (
            <Alert color="orange" variant="outline" bg="white" role="status">
              <Text size="lg" fw={700} c="dark.9">
                {t('punch.terminal.offline')}
              </Text>
            </Alert>
          ) : null}
          {queue.entries.length > 0 ? (
            <Alert color="blue" variant="outline" bg="white" role="status">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <div>
                  <Text size="xl" fw={700} c="dark.9">
                    {t('punch.terminal.pendingCount', { count: queue.entries.length })}
                  </Text>
                  <Text size="md" c="dark.7">
                    {t('punch.terminal.pendingHint')}
                  </Text>
                </div>
                {online ? (
                  <Button size="lg" variant="default" onClick={() => void queue.flush()}>
                    {t('punch.terminal.sendNow')}
                  </Button>
                ) : null}
              </Group>
            </Alert>
          ) : null}
          {queue.notices.map((notice) => (
            <Alert
              key={notice.id}
              color="red"
              variant="outline"
              bg="white"
              role="alert"
              withCloseButton
              closeButtonLabel={t('common.close')}
              onClose={() => queue.dismiss(notice.id)}
            >
              <Text size="lg" c="red.9" fw={700}>
                {t('punch.terminal.dropped', {
                  name: notice.entry.staffName,
                  type: t(`punch.types.${notice.entry.type}`),
                  time: wallClockAt(Date.parse(notice.entry.deviceTime) + offsetMs, zoneOffset).hhmm,
                  message: notice.message,
                })}
              </Text>
              <Text size="md" c="dark.7">
                {t('punch.terminal.droppedHint')}
              </Text>
            </Alert>
          ))}

          {photoWanted ? (
            <CameraPreview state={camera.state} attach={camera.attach} required={photoRequired} />
          ) : null}
          {step.kind === 'list' || !person ? (
            <StaffList
              staff={staff}
              onChoose={(id) => {
                lastStaffId.current = id;
                setStep({ kind: 'actions', staffId: id });
              }}
            />
          ) : step.kind === 'actions' ? (
            <ActionStep
              person={person}
              askPasscode={board.office.passcodeRequired && person.hasPasscode}
              passcodeError={step.passcodeError}
              onChoose={(type, passcode) =>
                setStep({ kind: 'confirm', staffId: person.id, type, key: newPunchKey(), passcode })
              }
              onCancel={toList}
            />
          ) : step.kind === 'confirm' ? (
            <ConfirmStep
              key={step.key}
              person={person}
              type={step.type}
              onCancel={toList}
              onConfirm={async () => {
                // The picture is taken with the punch, on OK: no extra tap.
                const photoMode = photoModes?.[step.type] ?? 'off';
                const photo = photoMode === 'off' ? null : camera.capture();
                if (photoMode === 'required' && !photo) throw new Error(t('evidence.photoMissing'));
                const deviceTime = new Date().toISOString();
                const entry = {
                  key: step.key,
                  scope,
                  staffId: person.id,
                  staffName: person.name,
                  type: step.type,
                  deviceTime,
                  ...(step.passcode ? { passcode: step.passcode } : {}),
                  ...(photo ? { photo } : {}),
                };
                const queued = () =>
                  setStep({
                    kind: 'result',
                    staffId: person.id,
                    type: step.type,
                    time: wallClockAt(Date.parse(deviceTime) + offsetMs, zoneOffset).hhmm,
                    queued: true,
                  });
                // Offline, or earlier taps still waiting: this one queues behind them, so the
                // server receives every person's punches in the order they were made.
                if (!navigator.onLine || queue.entries.length > 0) {
                  await queue.enqueue(entry);
                  void queue.flush();
                  queued();
                  return;
                }
                try {
                  const result = await postTerminalPunch(
                    {
                      staffId: person.id,
                      type: step.type,
                      ...(step.passcode ? { passcode: step.passcode } : {}),
                      ...(photo ? { photo } : {}),
                    },
                    step.key,
                  );
                  applyPunchResult(queryClient, result);
                  setStep({
                    kind: 'result',
                    staffId: person.id,
                    type: step.type,
                    time: wallTimeOf(result.punch.punchedAt),
                    queued: false,
                  });
                } catch (error) {
                  if (isApiError(error) && isUnreachable(error)) {
                    // No answer: the punch may or may not have arrived. Queued with the same key,
                    // it is recorded exactly once either way.
                    await queue.enqueue(entry);
                    queued();
                    return;
                  }
                  if (
                    isApiError(error) &&
                    (error.code === 'passcode_wrong' || error.code === 'passcode_required')
                  ) {
                    setStep({ kind: 'actions', staffId: person.id, passcodeError: error.message });
                    return;
                  }
                  void queryClient.invalidateQueries({ queryKey: BOARD_KEY });
                  throw error;
                }
              }}
            />
          ) : (
            <ResultStep
              person={person}
              type={step.type}
              time={step.time}
              queued={step.queued}
              onBack={toList}
            />
          )}
        </Stack>
      </Container>
    </Box>
  );
}

/** No answer from the server (network gone, or a gateway/database outage that will pass). */
function isUnreachable(error: ApiError): boolean {
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

function TerminalHeader({
  board,
  offsetMs,
  zoneOffset,
  actions,
}: {
  board: Board;
  offsetMs: number;
  zoneOffset: number;
  actions?: ReactNode;
}) {
  const { i18n } = useTranslation();
  const now = useNow();
  const clock = wallClockAt(now + offsetMs, zoneOffset);
  const weekday = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP', {
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2023, 0, 1 + clock.weekday)));
  return (
    <Box component="header" bg="teal.9" c="white" px={{ base: 'sm', sm: 'lg' }} py="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Stack gap={0} miw={0} style={{ flex: '1 1 240px' }}>
          <Text size="md" c="white" truncate="end">
            {board.contract.name}
          </Text>
          <Title order={1} c="white" fz={{ base: 26, sm: 34 }} lh={1.2} style={{ overflowWrap: 'anywhere' }}>
            {board.office.name}
          </Title>
        </Stack>
        <Stack gap={0} align="center" style={{ flex: '1 1 240px' }}>
          <Text size="lg" c="white">
            {i18n.language === 'en' ? `${clock.date} (${weekday})` : `${clock.date}(${weekday})`}
          </Text>
          <Text c="white" fw={700} lh={1} fz={{ base: 48, sm: 72 }} ff="monospace">
            <time dateTime={clock.iso}>
              {clock.hhmm}
              <Text span fz="0.5em" c="white">
                :{clock.seconds}
              </Text>
            </time>
          </Text>
        </Stack>
        <Group gap="sm" justify="flex-end" style={{ flex: '1 1 200px' }}>
          {actions}
        </Group>
      </Group>
    </Box>
  );
}

function StaffList({ staff, onChoose }: { staff: StaffWithPending[]; onChoose: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="terminal-staff-heading">
      <Title order={2} id="terminal-staff-heading" fz={{ base: 22, sm: 26 }} mb="sm">
        {t('punch.terminal.chooseName')}
      </Title>
      {staff.length === 0 ? (
        <Alert color="gray" variant="outline" bg="white">
          <Text size="lg">{t('punch.terminal.noStaff')}</Text>
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="md" component="ul" p={0} m={0}>
          {staff.map((person) => (
            <Box component="li" key={person.id} style={{ listStyle: 'none' }}>
              <UnstyledButton
                id={`terminal-staff-${person.id}`}
                onClick={() => onChoose(person.id)}
                w="100%"
                mih={104}
                p="md"
                bg="white"
                style={{
                  border: `3px solid ${STATE_COLORS[person.state]}`,
                  borderRadius: 'var(--mantine-radius-md)',
                  display: 'block',
                }}
              >
                <Box
                  component="span"
                  style={{
                    display: 'flex',
                    justifyContent: 'space-between',
                    alignItems: 'flex-start',
                    gap: 12,
                  }}
                >
                  <Box component="span" style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                    <Text span fz={26} fw={700} lh={1.25} c="dark.9" style={{ overflowWrap: 'anywhere' }}>
                      {person.name}
                    </Text>
                    {person.kana ? (
                      <Text span fz={16} c="dark.6" style={{ overflowWrap: 'anywhere' }}>
                        {person.kana}
                      </Text>
                    ) : null}
                    {person.shift ? (
                      <Text span fz={16} c="dark.6">
                        {person.shift.off
                          ? t('punch.terminal.shiftOff')
                          : t('punch.terminal.shiftToday', {
                              start: person.shift.start,
                              end: person.shift.end,
                            })}
                      </Text>
                    ) : null}
                    {/* The 従業員コード tells two people of the same name apart. */}
                    {person.code ? (
                      <Text span fz={16} c="dark.6">
                        {t('punch.terminal.staffCode', { code: person.code })}
                      </Text>
                    ) : null}
                  </Box>
                  <Box
                    component="span"
                    style={{
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'flex-end',
                      gap: 4,
                      flexShrink: 0,
                    }}
                  >
                    <StateBadge state={person.state} />
                    {person.pending > 0 ? (
                      <Badge
                        component="span"
                        size="lg"
                        radius="sm"
                        color="#1864ab"
                        variant="outline"
                        bg="white"
                        c="#1864ab"
                      >
                        {t('punch.terminal.pendingBadge')}
                      </Badge>
                    ) : null}
                  </Box>
                </Box>
                {person.missingClockOut ? (
                  <Text span display="block" fz={16} fw={700} c="red.9" mt={6}>
                    {t('punch.missingClockOut')}
                  </Text>
                ) : null}
              </UnstyledButton>
            </Box>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}

function PersonHeading({ person }: { person: StaffWithPending }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
      <div>
        <Title order={2} fz={{ base: 28, sm: 36 }} style={{ overflowWrap: 'anywhere' }}>
          {person.name}
        </Title>
        {person.kana ? (
          <Text fz={18} c="dark.6">
            {person.kana}
          </Text>
        ) : null}
        {person.code ? (
          <Text fz={18} c="dark.6">
            {t('punch.terminal.staffCode', { code: person.code })}
          </Text>
        ) : null}
      </div>
      <StateBadge state={person.state} />
    </Group>
  );
}

function ActionStep({
  person,
  askPasscode,
  passcodeError,
  onChoose,
  onCancel,
}: {
  person: StaffWithPending;
  askPasscode: boolean;
  passcodeError?: string | undefined;
  onChoose: (type: PunchType, passcode?: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [passcode, setPasscode] = useState('');
  const [error, setError] = useState<string | undefined>(passcodeError);
  const firstAction = useRef<HTMLButtonElement>(null);
  const passcodeRef = useRef<HTMLInputElement>(null);
  const passcodeReady = !askPasscode || /^\d{4}$/.test(passcode);

  useEffect(() => {
    if (askPasscode) passcodeRef.current?.focus();
    else firstAction.current?.focus();
  }, [askPasscode]);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
      <Stack gap="lg">
        <PersonHeading person={person} />
        {person.missingClockOut ? (
          <Alert color="red" variant="outline" bg="white">
            <Text size="lg" c="red.9" fw={700}>
              {t('punch.missingClockOutHint')}
            </Text>
          </Alert>
        ) : null}
        {askPasscode ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (passcodeReady) firstAction.current?.focus();
              else setError(t('validation.passcode'));
            }}
          >
            <PasswordField
              ref={passcodeRef}
              label={t('fields.passcode')}
              description={t('punch.terminal.passcodeHint')}
              value={passcode}
              onChange={(event) => {
                setPasscode(toHalfWidthDigits(event.currentTarget.value).replace(/\D/g, '').slice(0, 4));
                setError(undefined);
              }}
              error={error}
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={4}
              autoComplete="off"
              size="xl"
              maw={320}
            />
          </form>
        ) : null}
        {passcodeReady ? (
          <Stack gap="sm">
            <Text size="lg" fw={700}>
              {t('punch.terminal.chooseAction')}
            </Text>
            {person.allowed.length === 0 ? (
              <Text size="lg">{t('punch.terminal.noAction')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                {person.allowed.map((type, index) => (
                  <Button
                    key={type}
                    ref={index === 0 ? firstAction : undefined}
                    color={PUNCH_COLORS[type]}
                    h={{ base: 88, sm: 112 }}
                    fz={{ base: 30, sm: 36 }}
                    fw={700}
                    radius="md"
                    onClick={() => onChoose(type, askPasscode ? passcode : undefined)}
                  >
                    {t(`punch.types.${type}`)}
                  </Button>
                ))}
              </SimpleGrid>
            )}
          </Stack>
        ) : null}
        <Button variant="default" size="xl" h={64} onClick={onCancel} maw={{ sm: 320 }}>
          {t('punch.terminal.back')}
        </Button>
      </Stack>
    </Paper>
  );
}

function ConfirmStep({
  person,
  type,
  onConfirm,
  onCancel,
}: {
  person: StaffWithPending;
  type: PunchType;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A double tap on OK must send once: the flag is set before React re-renders the button.
  const busy = useRef(false);
  const okRef = useRef<HTMLButtonElement>(null);
  useEffect(() => okRef.current?.focus(), []);

  const confirm = async () => {
    if (busy.current) return;
    busy.current = true;
    setSending(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught);
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
      <Stack gap="lg">
        <Title order={2} fz={{ base: 24, sm: 30 }}>
          {t('punch.terminal.confirmTitle')}
        </Title>
        <Text fz={{ base: 22, sm: 28 }} fw={700} style={{ overflowWrap: 'anywhere' }}>
          {t('punch.terminal.confirm', { name: person.name, type: t(`punch.types.${type}`) })}
        </Text>
        <ErrorAlert error={error} styles={{ message: { fontSize: 'var(--mantine-font-size-lg)' } }} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Button variant="default" h={88} fz={28} onClick={onCancel} disabled={sending}>
            {t('punch.terminal.cancel')}
          </Button>
          <Button
            ref={okRef}
            color={PUNCH_COLORS[type]}
            h={88}
            fz={32}
            fw={700}
            loading={sending}
            onClick={() => void confirm()}
          >
            {t('punch.terminal.ok')}
          </Button>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ResultStep({
  person,
  type,
  time,
  queued,
  onBack,
}: {
  person: StaffWithPending;
  type: PunchType;
  time: string;
  queued: boolean;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(RESULT_SECONDS);
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);
  useEffect(() => {
    if (left <= 0) {
      onBack();
      return;
    }
    const timer = window.setTimeout(() => setLeft((value) => value - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left, onBack]);

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'xl' }}
      radius="md"
      style={{ borderColor: PUNCH_COLORS[type], borderWidth: 4 }}
    >
      <Stack gap="md" align="center" ta="center">
        <div role="status">
          <Text fz={{ base: 22, sm: 26 }} style={{ overflowWrap: 'anywhere' }}>
            {t('punch.terminal.resultFor', { name: person.name })}
          </Text>
          <Title order={2} fz={{ base: 36, sm: 48 }} c={PUNCH_COLORS[type]}>
            {t(`punch.done.${type}`)}
          </Title>
          <Text fz={18} mt="sm">
            {t('punch.terminal.resultAt')}
          </Text>
          <Text fz={{ base: 64, sm: 96 }} fw={700} lh={1} ff="monospace">
            {time}
          </Text>
          {queued ? (
            <Text fz={20} fw={700} c="#1864ab" mt="sm">
              {t('punch.terminal.queuedNote')}
            </Text>
          ) : null}
        </div>
        <Text size="lg">{t('punch.terminal.resultBack', { seconds: left })}</Text>
        <Button ref={backRef} variant="default" size="xl" h={72} miw={240} onClick={onBack}>
          {t('punch.terminal.back')}
        </Button>
      </Stack>
    </Paper>
  );
}
