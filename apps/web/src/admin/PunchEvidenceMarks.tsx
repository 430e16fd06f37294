import { Badge, Group, Image, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The photo of a punch (GET /punches/{id}/photo): the server checks who may see it and logs it. */
export function punchPhotoUrl(punchId: number): string {
  return `/api/v1/punches/${punchId}/photo`;
}

/**
 * The photo taken with a punch as a thumbnail (issue 20); a click shows the full picture. Only
 * those who may see the punch get its id, and the server checks again.
 */
export function PunchPhotoThumb({ punchId, label }: { punchId: number; label: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <UnstyledButton
        onClick={() => setOpened(true)}
        aria-label={t('evidence.openPhoto', { punch: label })}
        style={{ lineHeight: 0 }}
      >
        <img
          src={punchPhotoUrl(punchId)}
          alt={t('evidence.photoOf', { punch: label })}
          width={32}
          height={24}
          loading="lazy"
          style={{ objectFit: 'cover', borderRadius: 3, border: '1px solid var(--mantine-color-gray-5)' }}
        />
      </UnstyledButton>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('evidence.photoOf', { punch: label })}
        centered
      >
        <Stack align="center">
          <Image src={punchPhotoUrl(punchId)} alt={t('evidence.photoOf', { punch: label })} maw={640} />
        </Stack>
      </Modal>
    </>
  );
}

interface GeofenceFlag {
  distanceM: number;
  accuracyM: number;
  radiusM: number;
  outside: boolean;
}

/** The position recorded with a personal punch: 範囲外 in red, else its distance and accuracy. */
export function PunchLocationMark({ flags }: { flags: Record<string, unknown> }) {
  const { t } = useTranslation();
  const fence = flags.geofence as GeofenceFlag | undefined;
  const location = flags.location as { accuracyM: number } | undefined;
  if (!fence && !location) return null;
  if (fence?.outside) {
    return (
      <Badge
        size="xs"
        variant="filled"
        color="red.9"
        radius="sm"
        tt="none"
        title={t('evidence.fenceDetail', { ...fence })}
      >
        {flags.outsideGeofence ? t('evidence.outside') : t('evidence.outsideNear')}
      </Badge>
    );
  }
  return (
    <Text span fz="xs" c="dark.7" style={{ whiteSpace: 'nowrap' }}>
      {fence ? t('evidence.inside', { ...fence }) : t('evidence.located', { accuracyM: location!.accuracyM })}
    </Text>
  );
}

/** The marks of a punch's evidence beside its time: the photo and the position. */
export function PunchEvidenceMarks({
  punch,
  label,
}: {
  punch: { photoPunchId?: number | undefined; flags: Record<string, unknown> };
  label: string;
}) {
  if (punch.photoPunchId === undefined && !punch.flags.location) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {punch.photoPunchId !== undefined ? (
        <PunchPhotoThumb punchId={punch.photoPunchId} label={label} />
      ) : null}
      <PunchLocationMark flags={punch.flags} />
    </Group>
  );
}
