import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { hasFeature } from '../plans/planAccess.ts';

const RETENTION_KEY = ['settings', 'photo-retention'] as const;

/** 打刻写真の保存期間 (issue 20, プレミアム and up): photos older than this are deleted by a job. */
export function PhotoRetentionForm() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const allowed = hasFeature(me, 'punch_photo_gps');
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: RETENTION_KEY,
    queryFn: ({ signal }) => call(routes.punches.photoRetention, {}, { signal }),
    enabled: allowed,
  });
  const [days, setDays] = useState<number | string>('');
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (current.data) setDays(current.data.days);
  }, [current.data]);
  const save = useMutation({
    mutationFn: (value: number) => call(routes.punches.setPhotoRetention, { body: { days: value } }),
    onSuccess: (answer) => {
      queryClient.setQueryData(RETENTION_KEY, answer);
      setSaved(true);
    },
  });
  if (!allowed) return null;
  return (
    <Paper withBorder p="lg" maw={640}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          const value = Number(days);
          if (!Number.isInteger(value) || value < 1 || value > 3650) {
            setInvalid(true);
            return;
          }
          setInvalid(false);
          save.mutate(value);
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('evidence.retention.title')}
          </Title>
          <NoticeAlert onClose={() => setSaved(false)}>{saved ? t('common.saved') : null}</NoticeAlert>
          <ErrorAlert error={current.error ?? save.error} />
          <NumberInput
            label={t('evidence.retention.days')}
            description={t('evidence.retention.hint')}
            value={days}
            onChange={setDays}
            min={1}
            max={3650}
            allowDecimal={false}
            maw={200}
            error={invalid ? t('evidence.retention.invalid') : null}
          />
          <Text size="sm">{t('evidence.retention.note')}</Text>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('evidence.retention.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
