import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import {
  EVIDENCE_CHANNELS,
  type EvidenceChannel,
  type EvidenceMode,
  FEATURE_MIN_PLAN,
  PUNCH_TYPES,
  type PunchEvidence,
  type PunchType,
} from '@timecard/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { hasFeature, languageOf, planName } from '../plans/planAccess.ts';

type Photo = Record<EvidenceChannel, Record<PunchType, EvidenceMode>>;

interface FenceValues {
  enabled: boolean;
  lat: string;
  lng: string;
  radiusM: string;
  outside: 'refuse' | 'flag';
}

function fenceValuesOf(evidence: PunchEvidence): FenceValues {
  const fence = evidence.geofence;
  return {
    enabled: fence !== null,
    lat: fence ? String(fence.lat) : '',
    lng: fence ? String(fence.lng) : '',
    radiusM: fence ? String(fence.radiusM) : '100',
    outside: fence?.outside ?? 'refuse',
  };
}

/**
 * 打刻の写真・位置情報 of one office (issue 20, プレミアム and up): 写真 使わない / 任意 / 必須 per channel
 * and punch kind, 位置情報 for the personal clock, and the 打刻可能範囲 with what happens outside it.
 */
export function PunchEvidenceSettings({
  officeId,
  evidence,
  canEdit,
}: {
  officeId: number;
  evidence: PunchEvidence;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const me = useAdminSession();
  const queryClient = useQueryClient();
  const [photo, setPhoto] = useState<Photo>(evidence.photo);
  const [location, setLocation] = useState<EvidenceMode>(evidence.location);
  const [fence, setFence] = useState<FenceValues>(fenceValuesOf(evidence));
  const [fenceError, setFenceError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const save = useMutation({
    mutationFn: (body: { punchEvidence: PunchEvidence }) =>
      call(routes.offices.update, { params: { id: officeId }, body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['offices'] });
      setPhoto(saved.punchEvidence.photo);
      setLocation(saved.punchEvidence.location);
      setFence(fenceValuesOf(saved.punchEvidence));
      setNotice(t('common.saved'));
    },
  });

  const heading = (
    <Title order={2} size="h3" id="punch-evidence-heading">
      {t('evidence.settings.title')}
    </Title>
  );
  if (!hasFeature(me, 'punch_photo_gps')) {
    const language = languageOf(i18n.language);
    return (
      <section aria-labelledby="punch-evidence-heading">
        {heading}
        <Alert color="teal.9" variant="outline" mt="sm">
          <Text>{t('plans.gate.needs', { plan: planName(FEATURE_MIN_PLAN.punch_photo_gps, language) })}</Text>
          <Anchor component={Link} to="/admin/settings/plan" fw={700} c="teal.9">
            {t('plans.gate.toPlan')}
          </Anchor>
        </Alert>
      </section>
    );
  }

  const modeOptions = (['off', 'optional', 'required'] as const).map((value) => ({
    value,
    label: t(`evidence.modes.${value}`),
  }));

  const submit = () => {
    setNotice(null);
    setFenceError(null);
    let geofence: PunchEvidence['geofence'] = null;
    if (fence.enabled) {
      const lat = Number(fence.lat);
      const lng = Number(fence.lng);
      const radiusM = Number(fence.radiusM);
      if (
        fence.lat.trim() === '' ||
        fence.lng.trim() === '' ||
        !(Math.abs(lat) <= 90) ||
        !(Math.abs(lng) <= 180) ||
        !Number.isInteger(radiusM) ||
        radiusM < 10 ||
        radiusM > 100_000
      ) {
        setFenceError(t('evidence.settings.fenceInvalid'));
        return;
      }
      geofence = { lat, lng, radiusM, outside: fence.outside };
    }
    save.mutate({ punchEvidence: { photo, location, geofence } });
  };

  const centreOnThisDevice = () => {
    setFenceError(null);
    setLocating(true);
    navigator.geolocation?.getCurrentPosition(
      (position) => {
        setLocating(false);
        setFence((old) => ({
          ...old,
          enabled: true,
          lat: position.coords.latitude.toFixed(6),
          lng: position.coords.longitude.toFixed(6),
        }));
      },
      () => {
        setLocating(false);
        setFenceError(t('evidence.locationDenied'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <section aria-labelledby="punch-evidence-heading">
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          {heading}
          <Text size="sm">{t('evidence.settings.lead')}</Text>
          <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
          <ErrorAlert error={save.error} />
          <Text fw={700}>{t('evidence.settings.photo')}</Text>
          {EVIDENCE_CHANNELS.map((channel) => (
            <Fieldset key={channel} legend={t(`evidence.channels.${channel}`)} variant="filled">
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                {PUNCH_TYPES.map((type) => (
                  <NativeSelect
                    key={type}
                    label={t(`punch.types.${type}`)}
                    data={modeOptions}
                    value={photo[channel][type]}
                    disabled={!canEdit}
                    onChange={(event) => {
                      const value = event.currentTarget.value as EvidenceMode;
                      setPhoto((old) => ({ ...old, [channel]: { ...old[channel], [type]: value } }));
                    }}
                  />
                ))}
              </SimpleGrid>
            </Fieldset>
          ))}
          <NativeSelect
            label={t('evidence.settings.location')}
            description={t('evidence.settings.locationHint')}
            data={modeOptions}
            value={location}
            disabled={!canEdit}
            maw={360}
            onChange={(event) => setLocation(event.currentTarget.value as EvidenceMode)}
          />
          <NativeSelect
            label={t('evidence.settings.fence')}
            data={[
              { value: 'off', label: t('evidence.settings.fenceOff') },
              { value: 'on', label: t('evidence.settings.fenceOn') },
            ]}
            value={fence.enabled ? 'on' : 'off'}
            disabled={!canEdit}
            maw={360}
            onChange={(event) => {
              const enabled = event.currentTarget.value === 'on';
              setFence((old) => ({ ...old, enabled }));
            }}
          />
          {fence.enabled ? (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('evidence.settings.lat')}
                  inputMode="decimal"
                  value={fence.lat}
                  disabled={!canEdit}
                  onChange={(event) => {
                    const lat = event.currentTarget.value;
                    setFence((old) => ({ ...old, lat }));
                  }}
                />
                <TextInput
                  label={t('evidence.settings.lng')}
                  inputMode="decimal"
                  value={fence.lng}
                  disabled={!canEdit}
                  onChange={(event) => {
                    const lng = event.currentTarget.value;
                    setFence((old) => ({ ...old, lng }));
                  }}
                />
                <TextInput
                  label={t('evidence.settings.radius')}
                  inputMode="numeric"
                  value={fence.radiusM}
                  disabled={!canEdit}
                  onChange={(event) => {
                    const radiusM = event.currentTarget.value;
                    setFence((old) => ({ ...old, radiusM }));
                  }}
                />
              </SimpleGrid>
              {canEdit ? (
                <Group>
                  <Button variant="default" loading={locating} onClick={centreOnThisDevice}>
                    {t('evidence.settings.useThisDevice')}
                  </Button>
                </Group>
              ) : null}
              <NativeSelect
                label={t('evidence.settings.outside')}
                data={[
                  { value: 'refuse', label: t('evidence.settings.outsideRefuse') },
                  { value: 'flag', label: t('evidence.settings.outsideFlag') },
                ]}
                value={fence.outside}
                disabled={!canEdit}
                maw={360}
                onChange={(event) => {
                  const outside = event.currentTarget.value as 'refuse' | 'flag';
                  setFence((old) => ({ ...old, outside }));
                }}
              />
            </Stack>
          ) : null}
          {fenceError ? (
            <Alert color="red" role="alert">
              {fenceError}
            </Alert>
          ) : null}
          {canEdit ? (
            <Group>
              <Button onClick={submit} loading={save.isPending}>
                {t('evidence.settings.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>
    </section>
  );
}
