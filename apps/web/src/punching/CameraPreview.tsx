import { Alert, Box, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CameraState } from './useCamera.ts';

/**
 * The camera preview of a punch with a photo (issue 20), with the notice that a photo is taken
 * before it is: the person sees themself, and knows the picture goes with the punch.
 */
export function CameraPreview({
  state,
  attach,
  required,
}: {
  state: CameraState;
  attach: (element: HTMLVideoElement | null) => void;
  required: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <Stack gap="xs" align="center">
        <Text size="lg" fw={700} c="dark.9" ta="center">
          {t(required ? 'evidence.photoNoticeRequired' : 'evidence.photoNotice')}
        </Text>
        <Box
          component="video"
          ref={attach}
          autoPlay
          muted
          playsInline
          aria-label={t('evidence.preview')}
          w={240}
          h={180}
          bg="dark.9"
          style={{ borderRadius: 'var(--mantine-radius-md)', objectFit: 'cover', transform: 'scaleX(-1)' }}
        />
        {state === 'unavailable' ? (
          <Alert color="red" variant="outline" bg="white" role="alert">
            <Text c="red.9" fw={700}>
              {t(required ? 'evidence.cameraUnavailableRequired' : 'evidence.cameraUnavailable')}
            </Text>
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
