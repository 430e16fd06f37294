import { Card, Code, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type RouteOutput, api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { CsvImportReport } from '../../shared/CsvImportReport.tsx';
import { CsvUploadControls, useCsvUpload } from '../../shared/CsvUploadControls.tsx';
import { NoticeAlert } from '../../shared/ErrorAlert.tsx';

/**
 * 打刻データの取り込み: a CSV (`staff_code,type,at`, UTF-8 or Shift_JIS) sent as it is to
 * POST /punch-imports — the server decodes it, checks every row and imports all or nothing.
 */
export function PunchImportCard({ csrfToken }: { csrfToken: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useCsvUpload<RouteOutput<typeof routes.reports.importPunches>>(
    routes.reports.importPunches.path,
    csrfToken,
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
        queryClient.invalidateQueries({ queryKey: ['timecard'] }),
      ]),
  );
  const result = upload.mutation.data;

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
        <CsvUploadControls
          upload={upload}
          fileLabel={t('timecard.import.file')}
          submitLabel={t('timecard.import.submit')}
        />
        {result ? (
          <NoticeAlert onClose={() => upload.mutation.reset()}>
            {t('timecard.import.done', { count: result.imported })}
            {result.skipped > 0 ? t('timecard.import.skipped', { count: result.skipped }) : ''}
          </NoticeAlert>
        ) : null}
        <CsvImportReport error={upload.mutation.error} />
      </Stack>
    </Card>
  );
}
