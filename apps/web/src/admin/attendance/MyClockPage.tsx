import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ClientInput, type RouteOutput, api as routes } from '@timecard/contract';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraPreview } from '../../punching/CameraPreview.tsx';
import { currentPosition } from '../../punching/position.ts';
import {
  newPunchKey,
  PUNCH_COLORS,
  type PunchResult,
  type PunchType,
  wallTimeOf,
} from '../../punching/punch-model.ts';
import { StateBadge } from '../../punching/StateBadge.tsx';
import { useCamera } from '../../punching/useCamera.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { Loading } from '../../shared/Loading.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';

const STATUS_KEY = ['me', 'punch-status'] as const;

type OwnStatus = RouteOutput<typeof routes.punching.myStatus>;
type PunchBody = ClientInput<typeof routes.punching.myPunch>['body'];

/**
 * 個別Web出退勤画面 (product.md §2.4): the signed-in staff member punches for themself from their own
 * phone — their state, only the buttons valid now, OK, and the result with the server's time.
 */
export function MyClockPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: ({ signal }) => call(routes.punching.myStatus, {}, { signal }),
    enabled: !!me.staff,
    refetchInterval: 60_000,
  });
  // One key per tap: made when a button is chosen, reused if OK is pressed again after an error.
  const [pending, setPending] = useState<{ type: PunchType; key: string } | null>(null);
  const [result, setResult] = useState<PunchResult | null>(null);
  const busy = useRef(false);
  const evidence = status.data?.evidence;
  const photoMode = pending ? (evidence?.photo[pending.type] ?? 'off') : 'off';
  const locationMode = evidence?.location ?? 'off';
  const camera = useCamera(photoMode !== 'off');
  const punch = useMutation({
    mutationFn: async ({ type, key }: { type: PunchType; key: string }) => {
      // The picture and the position are taken on OK, with the punch (issue 20).
      const body: PunchBody = { type };
      const mode = evidence?.photo[type] ?? 'off';
      if (mode !== 'off') {
        const photo = camera.capture();
        if (photo) body.photo = photo;
        else if (mode === 'required') throw new Error(t('evidence.photoMissing'));
      }
      if (locationMode !== 'off') {
        const position = await currentPosition();
        if (typeof position === 'object') body.location = position;
        else if (locationMode === 'required') {
          throw new Error(
            t(position === 'denied' ? 'evidence.locationDenied' : 'evidence.locationUnavailable'),
          );
        }
      }
      return call(routes.punching.myPunch, { body }, { headers: { 'Idempotency-Key': key } });
    },
    onSuccess: (answer) => {
      setResult(answer);
      setPending(null);
      queryClient.setQueryData<OwnStatus>(STATUS_KEY, (old) =>
        old ? { ...old, ...answer.status, lastPunchAt: answer.punch.punchedAt } : old,
      );
      void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    },
    onSettled: () => {
      busy.current = false;
    },
  });

  const title = t('punch.myClock.title');
  if (!me.staff) {
    return (
      <AdminPage title={title}>
        <Alert color="gray" variant="light">
          {t('punch.myClock.noStaff')}
        </Alert>
      </AdminPage>
    );
  }

  return (
    <AdminPage title={title}>
      <Text>{t('punch.myClock.lead')}</Text>
      {locationMode !== 'off' ? (
        <Alert color="blue" variant="outline" bg="white" maw={560} role="note">
          <Text c="dark.9">
            {t(evidence?.geofence ? 'evidence.locationNoticeFence' : 'evidence.locationNotice')}
          </Text>
        </Alert>
      ) : null}
      <ErrorAlert error={status.error} />
      {result ? (
        <Paper
          withBorder
          p="lg"
          maw={560}
          style={{ borderColor: PUNCH_COLORS[result.punch.type], borderWidth: 3 }}
        >
          <Stack gap={4} align="center" ta="center" role="status">
            <Title order={2} c={PUNCH_COLORS[result.punch.type]} fz={32}>
              {t(`punch.done.${result.punch.type}`)}
            </Title>
            <Text size="md">{t('punch.terminal.resultAt')}</Text>
            <Text fz={64} fw={700} lh={1} ff="monospace">
              {wallTimeOf(result.punch.punchedAt)}
            </Text>
          </Stack>
        </Paper>
      ) : null}
      {status.isPending ? (
        <Loading />
      ) : status.data ? (
        <Paper withBorder p="lg" maw={560}>
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap">
              <Text fw={700} size="lg">
                {me.staff.name}
              </Text>
              <Text>{formatDate(status.data.workDate)}</Text>
            </Group>
            <Group gap="sm">
              <Text>{t('punch.myClock.state')}</Text>
              <StateBadge state={status.data.state} />
            </Group>
            <Text size="sm">
              {t('punch.myClock.lastPunch')}:{' '}
              {status.data.lastPunchAt
                ? `${formatDate(status.data.lastPunchAt.slice(0, 10))} ${wallTimeOf(status.data.lastPunchAt)}`
                : t('punch.myClock.none')}
            </Text>
            {status.data.missingClockOut ? (
              <Text c="red.9" fw={700}>
                {t('punch.missingClockOutHint')}
              </Text>
            ) : null}
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              {status.data.allowed.map((type) => (
                <Button
                  key={type}
                  color={PUNCH_COLORS[type]}
                  h={80}
                  fz={28}
                  fw={700}
                  onClick={() => {
                    punch.reset();
                    setPending({ type, key: newPunchKey() });
                  }}
                >
                  {t(`punch.types.${type}`)}
                </Button>
              ))}
            </SimpleGrid>
          </Stack>
        </Paper>
      ) : null}
      <ConfirmModal
        opened={pending !== null}
        title={t('punch.terminal.confirmTitle')}
        onCancel={() => {
          setPending(null);
          punch.reset();
        }}
        onConfirm={() => {
          if (!pending || busy.current) return;
          busy.current = true;
          setResult(null);
          punch.mutate(pending);
        }}
        loading={punch.isPending}
        error={punch.error}
        confirmColor={pending ? PUNCH_COLORS[pending.type] : undefined}
      >
        <Text size="lg" fw={700}>
          {pending
            ? t('punch.terminal.confirm', { name: me.staff.name, type: t(`punch.types.${pending.type}`) })
            : null}
        </Text>
        {photoMode !== 'off' ? (
          <CameraPreview state={camera.state} attach={camera.attach} required={photoMode === 'required'} />
        ) : null}
      </ConfirmModal>
    </AdminPage>
  );
}
