import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvImportReport } from '../../shared/CsvImportReport.tsx';
import { uploadCsv } from '../../shared/csvUpload.ts';
import { NoticeAlert } from '../../shared/ErrorAlert.tsx';

/**
 * 打刻データの取り込み: a CSV (`staff_code,type,at`, UTF-8 or Shift_JIS) sent as it is to
 * POST /punch-imports — the server decodes it, checks every row and imports all or nothing.
 */
export function PunchImportCard({ csrfToken }: { csrfToken: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      uploadCsv<{ imported: number; skipped: number }>('/punch-imports', chosen, csrfToken),
    onSuccess: async () => {
      setFile(null);
      if (input.current) input.current.value = '';
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
        queryClient.invalidateQueries({ queryKey: ['timecard'] }),
      ]);
    },
  });
  return (
    <Card withBorder padding="sm" className="tc-no-print">
      <Title order={2} size="h4" mb="xs">
        {t('timecard.import.title')}
      </Title>
      <Stack gap="xs">
        <Text fz="sm">
          {t('timecard.import.lead')} <Code>staff_code,type,at</Code>
        </Text>
        <Text fz="xs" c="dimmed">
          {t('timecard.import.hint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <Stack gap={4}>
            <Text component="label" htmlFor={inputId} fz="sm" fw={500}>
              {t('timecard.import.file')}
            </Text>
            <input
              id={inputId}
              ref={input}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => {
                upload.reset();
                setFile(event.currentTarget.files?.[0] ?? null);
              }}
            />
          </Stack>
          <Button onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
            {t('timecard.import.submit')}
          </Button>
        </Group>
        {upload.data ? (
          <NoticeAlert onClose={() => upload.reset()}>
            {t('timecard.import.done', { count: upload.data.imported })}
            {upload.data.skipped > 0 ? t('timecard.import.skipped', { count: upload.data.skipped }) : ''}
          </NoticeAlert>
        ) : null}
        <CsvImportReport error={upload.error} />
      </Stack>
    </Card>
  );
}
